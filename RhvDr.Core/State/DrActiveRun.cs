using RhvDr.Core.Recovery;

namespace RhvDr.Core.State;

/// <summary>A run under way as the DR state lists it: runs of recovery plans with disjoint domains may be under way at once.</summary>
/// <param name="Plan">The recovery plan the run recovers; null for the whole estate.</param>
public sealed record DrActiveRun(string RunId, RunKind Kind, RunMode Mode, RunStatus Status, string? Plan, string SourceSite, string TargetSite)
{
    public static DrActiveRun From(RecoveryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new DrActiveRun(run.Id, run.Kind, run.Mode, run.Status, run.Plan, run.SourceSite, run.TargetSite);
    }
}
