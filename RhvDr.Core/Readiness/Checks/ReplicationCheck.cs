using System.Globalization;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// Every replicated domain pair is replicating and its lag is within bounds: warning at 2x the replication interval
/// (or beyond the RPO target), critical at 3x; a broken pair is critical.
/// </summary>
public sealed class ReplicationCheck : IReadinessCheck
{
    public string Id => "replication";

    public string Title => "Replication healthy and within the RPO target";

    public int Weight => 20;

    public Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pairs = context.ProtectedPairs;
        if (pairs.Count == 0)
        {
            return Task.FromResult(CheckResult.CannotRun("the storage array reported no replication pairs",
                "Check the console's connection to the storage array, and that the protected domains are replicated."));
        }

        var target = context.Options.RpoTargetSeconds;
        var critical = new List<string>();
        var warnings = new List<string>();
        var fine = new List<string>();
        foreach (var pair in pairs)
        {
            var line = Describe(pair);
            var level = pair.Health;
            if (level == HealthLevel.Critical)
            {
                critical.Add(line);
            }
            else if (level == HealthLevel.Warning || pair.LagSeconds > target)
            {
                warnings.Add(pair.LagSeconds > target && level < HealthLevel.Warning ? $"{line}, beyond the RPO target of {target} s" : line);
            }
            else
            {
                fine.Add(line);
            }
        }

        const string remediation = "Ask the storage admin to resume or resync the replication of the domains listed (and find why it stopped or fell behind: link, array load).";
        if (critical.Count > 0)
        {
            return Task.FromResult(CheckResult.Fail($"{critical.Count} of {pairs.Count} replicated domains are broken or far behind.", [.. critical, .. warnings], remediation));
        }
        if (warnings.Count > 0)
        {
            return Task.FromResult(CheckResult.Warn($"{warnings.Count} of {pairs.Count} replicated domains are behind or not replicating.", warnings, remediation));
        }
        return Task.FromResult(CheckResult.Pass($"All {pairs.Count} replicated domains are replicating within bounds.", fine));
    }

    private static string Describe(ReplicationPairStatus pair) => string.Create(CultureInfo.InvariantCulture,
        $"{pair.DomainName}: {pair.State}, {pair.Mode}, {pair.LagSeconds:0} s behind (interval {pair.IntervalSeconds} s; warn at {2 * Math.Max(pair.IntervalSeconds, 5)} s, critical at {3 * Math.Max(pair.IntervalSeconds, 5)} s)");
}
