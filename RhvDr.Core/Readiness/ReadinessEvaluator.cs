using Microsoft.Extensions.Options;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Readiness;

/// <summary>
/// Runs every check and rolls them up.
/// Verdict: no-go when any check fails or cannot run with critical severity; warn when any other check does not pass;
/// go otherwise. Score: the weighted share of checks passing, 0-100 (pass counts fully, warn half, fail and cannot-run nothing).
/// </summary>
public sealed class ReadinessEvaluator(
    IEnumerable<IReadinessCheck> checks,
    ReadinessSources sources,
    IOptions<ReadinessOptions> options,
    TimeProvider time)
{
    private readonly IReadOnlyList<IReadinessCheck> _checks = checks.ToList();

    public IReadOnlyList<IReadinessCheck> Checks => _checks;

    public async Task<ReadinessReport> EvaluateAsync(InventorySnapshot inventory, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var context = new ReadinessContext(inventory, options.Value, sources, now);
        var findings = new List<ReadinessFinding>(_checks.Count);
        foreach (var check in _checks)
        {
            findings.Add(ReadinessFinding.From(check, await RunAsync(check, context, cancellationToken).ConfigureAwait(false)));
        }

        var verdict = VerdictOf(findings);
        var rpo = DomainRpoOf(context);
        TestFailoverRecord? lastTest = null;
        try
        {
            lastTest = await context.GetLastTestFailoverAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The test-failover check reports it; the report just shows none.
        }
        var rto = await EstimateRtoAsync(context, cancellationToken).ConfigureAwait(false);
        return new ReadinessReport(
            now,
            verdict,
            ScoreOf(findings),
            rpo.Count == 0 ? null : rpo.Max(r => r.RpoSeconds),
            options.Value.RpoTargetSeconds,
            rpo,
            rto,
            lastTest,
            findings,
            WhatWouldChange(verdict, findings, rpo, options.Value));
    }

    public static ReadinessVerdict VerdictOf(IReadOnlyList<ReadinessFinding> findings)
    {
        if (findings.Any(f => f.Status is CheckStatus.Fail or CheckStatus.Error && f.Severity == CheckSeverity.Critical))
        {
            return ReadinessVerdict.NoGo;
        }
        return findings.Any(f => f.Status != CheckStatus.Pass) ? ReadinessVerdict.Warn : ReadinessVerdict.Go;
    }

    public static int ScoreOf(IReadOnlyList<ReadinessFinding> findings)
    {
        var total = findings.Sum(f => f.Weight);
        if (total <= 0)
        {
            return 0;
        }
        var earned = findings.Sum(f => f.Status switch
        {
            CheckStatus.Pass => f.Weight,
            CheckStatus.Warn => f.Weight / 2.0,
            _ => 0,
        });
        return (int)Math.Round(100 * earned / total, MidpointRounding.AwayFromZero);
    }

    /// <summary>Per replicated domain, the data lost if we failed over now.</summary>
    public static IReadOnlyList<DomainRpo> DomainRpoOf(ReadinessContext context) =>
        context.ProtectedPairs
            .Select(p => new DomainRpo(p.DomainName, p.Mode, p.State, p.IntervalSeconds, RpoOf(p, context.Now), p.LastSync))
            .ToList();

    // A replicating pair loses its lag; a pair that stopped replicating loses everything since it last matched.
    private static double RpoOf(ReplicationPairStatus pair, DateTimeOffset now) =>
        pair.State is "replicating" || pair.LastSync is null
            ? Math.Max(0, pair.LagSeconds)
            : Math.Max(pair.LagSeconds, Math.Max(0, (now - pair.LastSync.Value).TotalSeconds));

    private static async Task<CheckResult> RunAsync(IReadinessCheck check, ReadinessContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await check.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A broken check is a finding of its own; it must never pass silently or take the page down.
            return CheckResult.CannotRun($"the check failed unexpectedly ({ex.GetType().Name}: {ex.Message})",
                "Look at the console log for the error and report it.", CheckSeverity.Warning);
        }
    }

    private static async Task<RtoEstimate> EstimateRtoAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<RecoveryStepTiming> timings;
        try
        {
            timings = await context.History.GetStepTimingsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            timings = [];
        }
        return RtoModel.Estimate(context, timings);
    }

    private static IReadOnlyList<string> WhatWouldChange(ReadinessVerdict verdict, IReadOnlyList<ReadinessFinding> findings, IReadOnlyList<DomainRpo> rpo, ReadinessOptions options)
    {
        var result = new List<string>();
        var blocking = findings.Where(f => f.Status is CheckStatus.Fail or CheckStatus.Error && f.Severity == CheckSeverity.Critical).ToList();
        if (verdict == ReadinessVerdict.NoGo)
        {
            result.Add(blocking.Count == 1
                ? $"Fixing \"{blocking[0].Title}\" would lift the no-go."
                : $"Fixing these {blocking.Count} checks would lift the no-go: {string.Join(", ", blocking.Select(b => b.Title))}.");
            result.AddRange(blocking.Select(b => $"{b.Title}: {Fallback(b.Remediation, b.Summary)}"));
        }
        else if (verdict == ReadinessVerdict.Warn)
        {
            var open = findings.Where(f => f.Status != CheckStatus.Pass).ToList();
            result.Add($"Fixing {open.Count} open finding(s) would make it go: {string.Join(", ", open.Select(o => o.Title))}.");
            result.AddRange(open.Select(o => $"{o.Title}: {Fallback(o.Remediation, o.Summary)}"));
        }

        if (verdict != ReadinessVerdict.NoGo)
        {
            foreach (var domain in rpo.Where(r => r.Mode == "async" && r.State == "replicating" && r.IntervalSeconds > 0))
            {
                result.Add($"Replication of {domain.Domain} falling {3 * domain.IntervalSeconds} s behind (3x its interval) would make it no-go.");
            }
            result.Add("Either engine becoming unreachable, or a replication pair breaking, would make it no-go.");
            if (rpo.Count > 0)
            {
                result.Add($"Any replica more than {options.RpoTargetSeconds} s behind (the RPO target) would make it warn.");
            }
        }
        return result;
    }

    private static string Fallback(string remediation, string summary) => string.IsNullOrWhiteSpace(remediation) ? summary : remediation;
}
