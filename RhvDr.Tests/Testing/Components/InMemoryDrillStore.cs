using RhvDr.Core.Drills;

namespace RhvDr.Tests.Components;

/// <summary>Drill records in memory, for component tests; listed newest first (scheduled time, then id) as the SQLite store does.</summary>
internal sealed class InMemoryDrillStore : IDrillStore
{
    private readonly List<DrillRecord> _records = [];
    private readonly Lock _sync = new();

    public Task<DrillRecord> AddAsync(DrillRecord record, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var saved = record with { Id = _records.Count + 1 };
            _records.Add(saved);
            return Task.FromResult(saved);
        }
    }

    public Task UpdateAsync(DrillRecord record, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var index = _records.FindIndex(r => r.Id == record.Id);
            _records[index] = record;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DrillRecord>> ListAsync(string plan, int limit, int offset, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DrillRecord>>([.. Of(plan).Skip(offset).Take(limit)]);

    public Task<int> CountAsync(string plan, CancellationToken cancellationToken = default) => Task.FromResult(Of(plan).Count);

    public Task<DrillRecord?> GetLastFinishedAsync(string plan, CancellationToken cancellationToken = default) =>
        Task.FromResult(Of(plan).FirstOrDefault(r => r.TestRunId is not null && r.Result is DrillResult.Succeeded or DrillResult.Failed));

    public Task<DateTimeOffset?> GetLastScheduledAsync(string plan, CancellationToken cancellationToken = default) =>
        Task.FromResult(Of(plan).Select(r => (DateTimeOffset?)r.ScheduledAt).FirstOrDefault());

    public Task<IReadOnlyList<DrillRecord>> ListRunningAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<DrillRecord>>([.. _records.Where(r => r.Result == DrillResult.Running)]);
        }
    }

    private List<DrillRecord> Of(string plan)
    {
        lock (_sync)
        {
            return [.. _records.Where(r => string.Equals(r.Plan, plan, StringComparison.Ordinal)).OrderByDescending(r => r.ScheduledAt).ThenByDescending(r => r.Id)];
        }
    }
}
