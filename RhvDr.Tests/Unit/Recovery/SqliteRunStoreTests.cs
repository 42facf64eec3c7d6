using RhvDr.Core.Data;
using RhvDr.Core.Recovery;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Recovery;

public sealed class SqliteRunStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqliteRunStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections, SchemaMigrations.All).MigrateAsync(CancellationToken.None);
        _store = new SqliteRunStore(_database.Connections);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SaveAndGet_RunWithStepsVmsAndLog_RoundTripsAndUpserts()
    {
        var created = DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_000);
        var run = new RecoveryRun
        {
            Id = "r1", Kind = RunKind.Failback, Mode = RunMode.Disaster, SourceSite = "recovery", TargetSite = "primary",
            RequestedBy = "ops", OverrideReason = "drill", CreatedAt = created, Status = RunStatus.Running, StartedAt = created.AddSeconds(1),
        };
        await _store.SaveRunAsync(run, CancellationToken.None);
        await _store.SaveStepAsync(new RunStep { RunId = "r1", Index = 0, Name = "preflight", Title = "Preflight", Status = StepStatus.Running, ExpectedSeconds = 5 }, CancellationToken.None);
        await _store.SaveStepAsync(new RunStep { RunId = "r1", Index = 0, Name = "preflight", Title = "Preflight", Status = StepStatus.Succeeded, Detail = "ok" }, CancellationToken.None);
        await _store.SaveVmAsync(new VmOutcome { RunId = "r1", VmId = "v1", VmName = "vm1", WasRunning = true, HighlyAvailable = true, HaPriority = 50, Wave = 1 }, 3, CancellationToken.None);
        await _store.SaveVmAsync(new VmOutcome { RunId = "r1", VmId = "v1", VmName = "vm1", WasRunning = true, Up = true, UpAt = created.AddSeconds(9) }, 4, CancellationToken.None);
        await _store.AppendLogAsync(new RunLogEntry("r1", 5, created.AddSeconds(2), RunLogLevel.Warning, "careful"), CancellationToken.None);

        var details = await _store.GetDetailsAsync("r1", 10, CancellationToken.None);

        Assert.NotNull(details);
        Assert.Equal(run with { LastSequence = 5 }, details.Run);
        Assert.Equal(StepStatus.Succeeded, Assert.Single(details.Steps).Status);
        var vm = Assert.Single(details.Vms);
        Assert.True(vm.Up);
        Assert.Equal(created.AddSeconds(9), vm.UpAt);
        var line = Assert.Single(details.Log);
        Assert.Equal(("careful", RunLogLevel.Warning), (line.Message, line.Level));
        Assert.Equal("r1", Assert.Single(await _store.ListActiveRunsAsync(CancellationToken.None)).Id);
    }
}
