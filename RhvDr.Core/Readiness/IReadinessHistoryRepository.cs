namespace RhvDr.Core.Readiness;

/// <summary>Readiness results in SQLite: every stored evaluation with its checks, for "since when failing" and trends.</summary>
public interface IReadinessHistoryRepository
{
    Task AddAsync(ReadinessReport report, CancellationToken cancellationToken);

    /// <summary>Per check id, the time of the first non-passing result since its last pass; only checks not passing in their newest result.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFailingSinceAsync(CancellationToken cancellationToken);

    /// <summary>Results at or after <paramref name="since"/>, aggregated into buckets of <paramref name="bucket"/>, oldest first.</summary>
    Task<IReadOnlyList<ReadinessTrendPoint>> GetTrendAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken);

    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
