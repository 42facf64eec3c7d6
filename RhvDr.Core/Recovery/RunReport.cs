namespace RhvDr.Core.Recovery;

/// <summary>
/// A run as a report: who, when, what, how long, each step and VM, the recovery point achieved (RPO: how old the recovered
/// data is at the run's start) and the measured RTO (from the run's start until the last VM that ran at the source was up).
/// </summary>
public sealed record RunReport(
    string Id,
    string Operation,
    string Mode,
    string SourceSite,
    string TargetSite,
    string Status,
    string RequestedBy,
    string? OverrideReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    DateTimeOffset? RecoveryPoint,
    double? RpoSeconds,
    double? RtoSeconds,
    int VmsToRecover,
    int VmsUp,
    int VmsFailed,
    string? Error,
    IReadOnlyList<RunStep> Steps,
    IReadOnlyList<VmOutcome> Vms)
{
    /// <summary>The second operator who approved the run (four-eyes), or null.</summary>
    public string? ApprovedBy { get; init; }

    public string? ApprovalReason { get; init; }

    public static RunReport From(RunDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var run = details.Run;
        var wanted = details.Vms.Where(v => v.WasRunning).ToList();
        var lastUp = wanted.Where(v => v.UpAt is not null).Select(v => v.UpAt!.Value).DefaultIfEmpty().Max();
        double? rto = run.StartedAt is { } start && wanted.Count > 0 && wanted.All(v => v.Up || v.Failed) && lastUp != default
            ? (lastUp - start).TotalSeconds
            : null;
        // A planned failover or failback ships the last changes before the switch: nothing is lost. Otherwise the data is as old as the replica.
        double? rpo = run.Kind is RunKind.Cleanup ? null
            : run.Mode == RunMode.Planned && run.Kind is not RunKind.Test ? 0
            : run.RecoveryPoint is { } point && run.StartedAt is { } started ? Math.Max(0, (started - point).TotalSeconds) : null;
        return new RunReport(
            run.Id, Lower(run.Kind), Lower(run.Mode), run.SourceSite, run.TargetSite, Lower(run.Status), run.RequestedBy, run.OverrideReason,
            run.CreatedAt, run.StartedAt, run.FinishedAt, run.StartedAt is { } s ? ((run.FinishedAt ?? DateTimeOffset.UtcNow) - s).TotalSeconds : null,
            run.RecoveryPoint, rpo, rto, wanted.Count, wanted.Count(v => v.Up), details.Vms.Count(v => v.Failed), run.Error, details.Steps, details.Vms)
        {
            ApprovedBy = run.ApprovedBy,
            ApprovalReason = run.ApprovalReason,
        };
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
