using RhvDr.Core.Sites;

namespace RhvDr.Core.Data;

/// <summary>Every site's health after each poll, for trends and the history strip.</summary>
public interface IHealthSampleRepository
{
    Task AddAsync(HealthSample sample, CancellationToken cancellationToken);

    /// <summary>The site's samples at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<HealthSample>> GetRecentAsync(string site, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes samples older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
