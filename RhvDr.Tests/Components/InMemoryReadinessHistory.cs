using RhvDr.Core.Readiness;

namespace RhvDr.Tests.Components;

/// <summary>Readiness history in memory: returns the trend points a test sets and records what was asked.</summary>
internal sealed class InMemoryReadinessHistory : IReadinessHistoryRepository
{
    public List<ReadinessTrendPoint> Trend { get; } = [];

    public List<(DateTimeOffset Since, TimeSpan Bucket)> TrendQueries { get; } = [];

    public Task AddAsync(ReadinessReport report, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFailingSinceAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());

    public Task<IReadOnlyList<ReadinessTrendPoint>> GetTrendAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken)
    {
        TrendQueries.Add((since, bucket));
        return Task.FromResult<IReadOnlyList<ReadinessTrendPoint>>(Trend.Where(p => p.Time >= since).ToList());
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(0);
}
