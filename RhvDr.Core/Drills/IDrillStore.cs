namespace RhvDr.Core.Drills;

/// <summary>The drill records (SQLite table <c>drills</c>).</summary>
public interface IDrillStore
{
    /// <summary>Saves a new record and returns it with its id.</summary>
    Task<DrillRecord> AddAsync(DrillRecord record, CancellationToken cancellationToken = default);

    Task UpdateAsync(DrillRecord record, CancellationToken cancellationToken = default);

    /// <summary>The drills of <paramref name="plan"/>, newest first (by scheduled time, then id).</summary>
    Task<IReadOnlyList<DrillRecord>> ListAsync(string plan, int limit, int offset, CancellationToken cancellationToken = default);

    /// <summary>How many drills <paramref name="plan"/> has.</summary>
    Task<int> CountAsync(string plan, CancellationToken cancellationToken = default);

    /// <summary>The newest drill of <paramref name="plan"/> that made a test run and ended (succeeded or failed); null when none did.</summary>
    Task<DrillRecord?> GetLastFinishedAsync(string plan, CancellationToken cancellationToken = default);

    /// <summary>The newest scheduled time recorded for <paramref name="plan"/>, any result; null when it has no drill yet.</summary>
    Task<DateTimeOffset?> GetLastScheduledAsync(string plan, CancellationToken cancellationToken = default);

    /// <summary>Drills still recorded as running (the console stopped during them).</summary>
    Task<IReadOnlyList<DrillRecord>> ListRunningAsync(CancellationToken cancellationToken = default);
}
