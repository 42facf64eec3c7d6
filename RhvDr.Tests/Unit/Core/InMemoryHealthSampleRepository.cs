using RhvDr.Core.Data;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class InMemoryHealthSampleRepository : IHealthSampleRepository
{
    public List<HealthSample> Samples { get; } = [];

    public Task AddAsync(HealthSample sample, CancellationToken cancellationToken)
    {
        Samples.Add(sample);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HealthSample>> GetRecentAsync(string site, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HealthSample>>(Samples.Where(s => s.Site == site && s.Time >= since).OrderBy(s => s.Time).ToList());

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Task.FromResult(Samples.RemoveAll(s => s.Time < before));
}
