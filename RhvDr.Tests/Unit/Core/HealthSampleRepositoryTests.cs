using RhvDr.Core.Data;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class HealthSampleRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private HealthSampleRepository _repository = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _repository = new HealthSampleRepository(_database.Connections);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task GetRecentAsync_AfterAdd_ReturnsEqualSamplesOldestFirst()
    {
        var older = Sample("primary", Noon.AddMinutes(-5), HealthLevel.Critical, reachable: false);
        var newer = Sample("primary", Noon.AddMilliseconds(123), HealthLevel.Ok, reachable: true);
        await _repository.AddAsync(newer, CancellationToken.None);
        await _repository.AddAsync(older, CancellationToken.None);
        await _repository.AddAsync(Sample("recovery", Noon, HealthLevel.Ok, reachable: true), CancellationToken.None);

        var samples = await _repository.GetRecentAsync("primary", Noon.AddHours(-1), CancellationToken.None);

        Assert.Equal([older, newer], samples);
    }

    [Fact]
    public async Task GetRecentAsync_OffsetTime_ReturnsSameInstant()
    {
        var local = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2));
        await _repository.AddAsync(Sample("primary", local, HealthLevel.Warning, reachable: true), CancellationToken.None);

        var sample = Assert.Single(await _repository.GetRecentAsync("primary", Noon.AddSeconds(-1), CancellationToken.None));

        Assert.Equal(local.UtcDateTime, sample.Time.UtcDateTime);
    }

    [Fact]
    public async Task PruneAsync_OlderSamples_DeletesOnlyThose()
    {
        await _repository.AddAsync(Sample("primary", Noon.AddDays(-40), HealthLevel.Ok, reachable: true), CancellationToken.None);
        await _repository.AddAsync(Sample("primary", Noon, HealthLevel.Ok, reachable: true), CancellationToken.None);

        var pruned = await _repository.PruneAsync(Noon.AddDays(-30), CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.Single(await _repository.GetRecentAsync("primary", DateTimeOffset.MinValue, CancellationToken.None));
    }

    private static HealthSample Sample(string site, DateTimeOffset time, HealthLevel level, bool reachable) =>
        new(site, time, reachable, level, 7, 8, 3, 4, 95, 120);
}
