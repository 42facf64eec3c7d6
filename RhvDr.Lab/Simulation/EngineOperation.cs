namespace RhvDr.Lab.Simulation;

/// <summary>
/// One engine operation, run as a job by <see cref="LabSimulation"/>. <see cref="Validate"/> faults when the engine would refuse
/// and otherwise returns what the operation acts on; it runs when the call arrives (so a fault reaches the caller before any job
/// exists) and again when the operation's turn comes, and the second answer is what <see cref="Apply"/>, <see cref="Duration"/>
/// and <see cref="Complete"/> receive. Every step runs under the locks of <see cref="Scope"/>; the duration is spent outside them.
/// </summary>
internal sealed class EngineOperation<T>
{
    public required string Description { get; init; }

    public required Func<T> Validate { get; init; }

    /// <summary>The change made when the operation starts (a VM booting, a domain locked).</summary>
    public Action<T>? Apply { get; init; }

    /// <summary>Simulated seconds between <see cref="Apply"/> and <see cref="Complete"/>; none when null.</summary>
    public Func<T, double>? Duration { get; init; }

    /// <summary>The change made when the operation ends (a domain active, an audit event logged).</summary>
    public Action<T>? Complete { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>A data center whose SPM runs storage operations one at a time; null for operations that do not queue.</summary>
    public SimDataCenter? SpmQueue { get; init; }

    public LockScope Scope { get; init; } = LockScope.Engine;
}
