namespace RhvDr.Core.Recovery;

/// <summary>One step of a run, persisted before it acts and after.</summary>
public sealed record RunStep
{
    public required string RunId { get; init; }

    /// <summary>Position in the run (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>Stable key, e.g. <c>import-domains</c>.</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    public StepStatus Status { get; init; } = StepStatus.Pending;

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? Detail { get; init; }

    public double? ExpectedSeconds { get; init; }
}
