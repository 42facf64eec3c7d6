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

    [Fact]
    public async Task GetVerificationTimes_NewestRunWinsPerVm_RunsWithoutVerificationsAreNotCounted_MarksRoundTrip()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_000);
        async Task RunAsync(string id, DateTimeOffset created, params (string Vm, double? Seconds)[] vms)
        {
            await _store.SaveRunAsync(new RecoveryRun
            {
                Id = id, Kind = RunKind.Test, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery", RequestedBy = "ops",
                CreatedAt = created, Status = RunStatus.Succeeded,
            }, CancellationToken.None);
            foreach (var (vm, seconds) in vms)
            {
                await _store.SaveVmAsync(new VmOutcome
                {
                    RunId = id, VmId = vm, VmName = vm, WasRunning = true, Up = true, StartedAt = created, UpAt = created, NoAgentAtSource = seconds is null, Skipped = vm == "skipped",
                    VerifiedAt = seconds is { } s ? created.AddSeconds(s) : null,
                }, 1, CancellationToken.None);
            }
        }

        await RunAsync("old", at, ("db", 90), ("web", 3));
        await RunAsync("new", at.AddDays(1), ("db", 12), ("skipped", 0));
        await RunAsync("whole-estate", at.AddDays(2), ("web", null));

        var times = await _store.GetVerificationTimesAsync(5, CancellationToken.None);
        var one = await _store.GetVerificationTimesAsync(1, CancellationToken.None);

        Assert.Equal(new Dictionary<string, TimeSpan> { ["db"] = TimeSpan.FromSeconds(12), ["web"] = TimeSpan.FromSeconds(3), ["skipped"] = TimeSpan.Zero }, times);
        Assert.Equal(["db", "skipped"], one.Keys.Order(StringComparer.Ordinal));
        var unverified = Assert.Single((await _store.GetDetailsAsync("whole-estate", 1, CancellationToken.None))!.Vms);
        Assert.Equal((true, false, (DateTimeOffset?)null), (unverified.NoAgentAtSource, unverified.Skipped, unverified.VerifiedAt));
        Assert.True((await _store.GetDetailsAsync("new", 1, CancellationToken.None))!.Vms.Single(v => v.VmName == "skipped").Skipped);
    }
}
