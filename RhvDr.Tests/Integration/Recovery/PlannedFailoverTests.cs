using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

public sealed class PlannedFailoverTests : IAsyncLifetime
{
    private static readonly string[] Replicated = ["primary_master_storage", "path2", "scsi_domain", "scsi_domain2"];
    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() => _lab = await RecoveryLab.StartAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task FailoverThenFailback_DefaultEstate_RunsEveryVmOnceOnTheRightSide()
    {
        var primary = await _lab.ClientAsync("primary");
        var recovery = await _lab.ClientAsync("recovery");
        var runningAtPrimary = await EngineState.RunningVmIdsAsync(primary);
        var recoveryOwn = await EngineState.RunningVmIdsAsync(recovery);
        Assert.NotEmpty(runningAtPrimary);

        var failover = await _lab.RunToEndAsync(RunKind.Failover);

        Assert.Empty(await EngineState.RunningVmIdsAsync(primary));
        var runningAtRecovery = await EngineState.RunningVmIdsAsync(recovery);
        Assert.Superset(runningAtPrimary, runningAtRecovery);
        Assert.Equal(runningAtPrimary.Count + recoveryOwn.Count, runningAtRecovery.Count);
        var recoveryDomains = await EngineState.AttachedDomainStatusAsync(recovery);
        Assert.All(Replicated, d => Assert.Equal("active", recoveryDomains.GetValueOrDefault(d)));
        var primaryAfterFailover = await EngineState.AttachedDomainStatusAsync(primary);
        Assert.DoesNotContain(Replicated, primaryAfterFailover.ContainsKey);
        var wanted = failover.Vms.Where(v => v.WasRunning).ToList();
        Assert.Equal(runningAtPrimary.Order(), wanted.Select(v => v.VmId).Order());
        Assert.All(wanted, v => Assert.True(v.Up, $"{v.VmName}: {v.Reason}"));
        Assert.All(await EngineState.StartCountsAsync(recovery), c => Assert.Equal(1, c.Value));

        await _lab.RunToEndAsync(RunKind.Failback);

        Assert.Equal(runningAtPrimary, await EngineState.RunningVmIdsAsync(primary));
        Assert.Equal(recoveryOwn, await EngineState.RunningVmIdsAsync(recovery));
        var primaryDomains = await EngineState.AttachedDomainStatusAsync(primary);
        Assert.All(Replicated, d => Assert.Equal("active", primaryDomains.GetValueOrDefault(d)));
        var recoveryAfterFailback = await EngineState.AttachedDomainStatusAsync(recovery);
        Assert.DoesNotContain(Replicated, recoveryAfterFailback.ContainsKey);
        var pairs = _lab.Lab.Simulation.ListPairs();
        Assert.All(pairs, p => Assert.Equal(("primary", "replicating"), (p.SourceSite, p.State)));
    }
}
