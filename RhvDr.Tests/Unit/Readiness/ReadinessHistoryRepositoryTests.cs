using RhvDr.Core.Data;
using RhvDr.Core.Readiness;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Readiness;

public sealed class ReadinessHistoryRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private ReadinessHistoryRepository _repository = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _repository = new ReadinessHistoryRepository(_database.Connections);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private static ReadinessReport Report(DateTimeOffset at, int score, ReadinessVerdict verdict, CheckStatus replication) => ReadinessReport.NotEvaluated with
    {
        EvaluatedAt = at,
        Verdict = verdict,
        Score = score,
        Findings =
        [
            new ReadinessFinding("replication", "Replication", 20, replication, CheckSeverity.Critical, "s", ["path2: broken"], "resync"),
            new ReadinessFinding("engines", "Engines", 20, CheckStatus.Pass, CheckSeverity.Info, "ok", [], ""),
        ],
    };

    [Fact]
    public async Task GetFailingSince_FailedPassedThenFailedTwice_FirstFailureAfterLastPass()
    {
        await _repository.AddAsync(Report(T0, 50, ReadinessVerdict.NoGo, CheckStatus.Fail), CancellationToken.None);
        await _repository.AddAsync(Report(T0.AddMinutes(1), 100, ReadinessVerdict.Go, CheckStatus.Pass), CancellationToken.None);
        await _repository.AddAsync(Report(T0.AddMinutes(2), 50, ReadinessVerdict.NoGo, CheckStatus.Fail), CancellationToken.None);
        await _repository.AddAsync(Report(T0.AddMinutes(3), 50, ReadinessVerdict.NoGo, CheckStatus.Fail), CancellationToken.None);

        var since = await _repository.GetFailingSinceAsync(CancellationToken.None);

        Assert.Equal(T0.AddMinutes(2), since["replication"]);
        Assert.False(since.ContainsKey("engines"));
    }

    [Fact]
    public async Task GetTrend_DailyBuckets_WorstScoreAndVerdictPerDay()
    {
        await _repository.AddAsync(Report(T0.AddHours(1), 100, ReadinessVerdict.Go, CheckStatus.Pass), CancellationToken.None);
        await _repository.AddAsync(Report(T0.AddHours(2), 40, ReadinessVerdict.NoGo, CheckStatus.Fail), CancellationToken.None);
        await _repository.AddAsync(Report(T0.AddDays(1).AddHours(1), 90, ReadinessVerdict.Warn, CheckStatus.Warn), CancellationToken.None);

        var trend = await _repository.GetTrendAsync(T0, TimeSpan.FromDays(1), CancellationToken.None);

        Assert.Equal(2, trend.Count);
        Assert.Equal((T0, 40, ReadinessVerdict.NoGo, 2), (trend[0].Time, trend[0].MinScore, trend[0].WorstVerdict, trend[0].Evaluations));
        Assert.Equal((90, ReadinessVerdict.Warn), (trend[1].MinScore, trend[1].WorstVerdict));
    }

    [Fact]
    public async Task Prune_OlderResults_RemovedWithTheirChecks()
    {
        await _repository.AddAsync(Report(T0, 50, ReadinessVerdict.NoGo, CheckStatus.Fail), CancellationToken.None);
        await _repository.AddAsync(Report(T0.AddDays(10), 100, ReadinessVerdict.Go, CheckStatus.Pass), CancellationToken.None);

        await _repository.PruneAsync(T0.AddDays(5), CancellationToken.None);

        var trend = await _repository.GetTrendAsync(T0.AddDays(-1), TimeSpan.FromDays(1), CancellationToken.None);
        Assert.Equal(100, Assert.Single(trend).MinScore);
        Assert.Empty(await _repository.GetFailingSinceAsync(CancellationToken.None));
    }
}
