namespace RhvDr.Core.Drills;

/// <summary>
/// One drill of a recovery plan: when it was due, who started it, the test failover and cleanup runs it made, how it ended
/// and why, and how many VMs the test verified or lost. A skipped drill made no run; its reason says why.
/// </summary>
public sealed record DrillRecord
{
    public long Id { get; init; }

    public required string Plan { get; init; }

    /// <summary>The plans version in force when the drill started; null when there was none.</summary>
    public int? PlanVersion { get; init; }

    /// <summary>The schedule's occurrence, or the moment an operator asked for the drill.</summary>
    public required DateTimeOffset ScheduledAt { get; init; }

    /// <summary>The scheduler (<see cref="DrillRunner.SchedulerActor"/>) or the operator who asked.</summary>
    public required string RequestedBy { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? TestRunId { get; init; }

    public string? CleanupRunId { get; init; }

    /// <summary>When the kept test environment is cleaned up (a test that succeeded); null otherwise.</summary>
    public DateTimeOffset? CleanupDueAt { get; init; }

    public DrillResult Result { get; init; } = DrillResult.Running;

    /// <summary>Why the drill failed or was skipped, or where it stands while it runs.</summary>
    public string? Reason { get; init; }

    /// <summary>VMs the test brought up (verified as up), when the test got that far.</summary>
    public int? VmsVerified { get; init; }

    /// <summary>VMs the test could not bring up.</summary>
    public int? VmsFailed { get; init; }
}
