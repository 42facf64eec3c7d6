using RhvDr.Core.Readiness;

namespace RhvDr.Core.Recovery;

/// <summary>
/// What the latest readiness verdict means for a run about to start (DESIGN §6 step 1). Only failing checks that make DR
/// impossible block: engines, replication, mapping, capacity — critical and failed (not "cannot run", which means unknown,
/// and which the run's own preflight probes settle). In disaster mode the lost source's engine and the replication lag are
/// the premise, so only mapping and capacity block; the mapping check does not fail for a primary that does not answer (it
/// checks that side against the last inventory read from it, or cannot run when there is none), so what blocks is a real
/// gap in the mapping. Everything else that does not pass (OVF stores, delete protection,
/// power management, test failover age) is a warning. Readiness measures primary → recovery, so the gate applies to
/// failovers and test failovers; failback and cleanup only log it.
/// </summary>
public static class ReadinessGate
{
    public static readonly IReadOnlySet<string> BlockingChecks = new HashSet<string>(StringComparer.Ordinal) { "engines", "replication", "mapping", "capacity" };

    private static readonly IReadOnlySet<string> DisasterBlockingChecks = new HashSet<string>(StringComparer.Ordinal) { "mapping", "capacity" };

    public static ReadinessGateResult Evaluate(ReadinessReport? report, RunKind kind, RunMode mode)
    {
        if (report is null || !report.IsEvaluated)
        {
            return new ReadinessGateResult(false, ReadinessVerdict.Unknown, [], [], "Readiness has not been evaluated yet; the run's own preflight checks the engines.");
        }

        var applies = kind is RunKind.Failover or RunKind.Test;
        var blockingIds = mode == RunMode.Disaster ? DisasterBlockingChecks : BlockingChecks;
        var notPassing = report.Findings.Where(f => !f.IsPass).ToList();
        var blocking = applies
            ? notPassing.Where(f => f.Status == CheckStatus.Fail && f.Severity == CheckSeverity.Critical && blockingIds.Contains(f.Id)).ToList()
            : [];
        var warnings = notPassing.Except(blocking).ToList();
        var verdict = ReadinessText.Verdict(report.Verdict);
        var summary = blocking.Count > 0
            ? $"Readiness is {verdict} (score {report.Score}): {string.Join("; ", blocking.Select(f => $"{f.Title}: {f.Summary}"))}"
            : $"Readiness is {verdict} (score {report.Score}); {(warnings.Count == 0 ? "all checks pass" : $"{warnings.Count} check(s) do not pass but do not block: {string.Join(", ", warnings.Select(f => f.Id))}")}";
        return new ReadinessGateResult(applies, report.Verdict, blocking, warnings, summary);
    }
}
