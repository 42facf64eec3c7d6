namespace RhvDr.Core.Recovery;

/// <summary>One failover, failback, test or cleanup: who asked, between which sites, and how it went.</summary>
public sealed partial record RecoveryRun
{
    public required string Id { get; init; }

    public required RunKind Kind { get; init; }

    public required RunMode Mode { get; init; }

    public required string SourceSite { get; init; }

    public required string TargetSite { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Pending;

    public required string RequestedBy { get; init; }

    /// <summary>The recovery plan the run recovers (its protection groups and start order); null for the whole estate.</summary>
    public string? Plan { get; init; }

    /// <summary>Why preflight errors were overridden; null when none were.</summary>
    public string? OverrideReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>What the operator must do now (status waiting); null otherwise.</summary>
    public string? Prompt { get; init; }

    /// <summary>Why the run failed, in words.</summary>
    public string? Error { get; init; }

    /// <summary>The newest replica state used (the replicas' OVF store time): what the recovered VMs reflect.</summary>
    public DateTimeOffset? RecoveryPoint { get; init; }

    /// <summary>The second operator who approved the run (four-eyes); null when none was needed or not yet given.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>The approver's written reason.</summary>
    public string? ApprovalReason { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>The last event sequence number handed out, so a resumed run continues the numbering.</summary>
    public long LastSequence { get; init; }

    public bool IsActive => Status is RunStatus.Pending or RunStatus.AwaitingApproval or RunStatus.Running or RunStatus.Waiting or RunStatus.Interrupted;

    public TimeSpan? Duration => StartedAt is { } start ? (FinishedAt ?? DateTimeOffset.UtcNow) - start : null;
}
