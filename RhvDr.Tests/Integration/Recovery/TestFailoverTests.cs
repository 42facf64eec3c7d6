using RhvDr.Tests.Support;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

public sealed class TestFailoverTests : IAsyncLifetime
{
    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() => _lab = await RecoveryLab.StartAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task TestThenCleanup_DefaultEstate_LeavesProductionAndReplicationUntouchedAndRemovesEveryTrace()
    {
        var primary = await _lab.ClientAsync("primary");
        var recovery = await _lab.ClientAsync("recovery");
        var productionRunning = await EngineState.RunningVmIdsAsync(primary);
        var productionDomains = await EngineState.AttachedDomainStatusAsync(primary);
        var recoveryRunning = await EngineState.RunningVmIdsAsync(recovery);
        var recoveryDomains = await EngineState.AttachedDomainStatusAsync(recovery);
        var recoveryVmCount = (await recovery.GetVmsAsync()).Count;
        var pairsBefore = _lab.Lab.Simulation.ListPairs().Select(p => (p.Id, p.SourceSite, p.State)).ToList();

        var test = await _lab.RunToEndAsync(RunKind.Test);

        Assert.Equal(productionRunning, await EngineState.RunningVmIdsAsync(primary));
        Assert.Equal(productionDomains, await EngineState.AttachedDomainStatusAsync(primary));
        Assert.Equal(pairsBefore, _lab.Lab.Simulation.ListPairs().Select(p => (p.Id, p.SourceSite, p.State)).ToList());
        Assert.All(_lab.Lab.Simulation.ListPairs(), p => Assert.True(p.TestCopy));
        var testRunning = await EngineState.RunningVmIdsAsync(recovery);
        Assert.Equal(productionRunning.Order(), test.Vms.Where(v => v.WasRunning).Select(v => v.VmId).Order());
        Assert.All(test.Vms.Where(v => v.WasRunning && !v.Failed), v => Assert.Contains(v.VmId, testRunning));
        var isolated = (await recovery.GetVnicProfilesAsync()).Single(p => p.Name == "dr_test_isolated").Id;
        var lab = _lab.Lab.Simulation;
        var testVmProfiles = lab.Read("recovery", e => e.Vms.Values.Where(v => test.Vms.Any(o => o.VmId == v.Id)).Select(v => v.Nics.Select(n => n.VnicProfileId).ToList()).ToList());
        Assert.NotEmpty(testVmProfiles);
        Assert.All(testVmProfiles.SelectMany(p => p), p => Assert.Equal(isolated, p));

        await _lab.RunToEndAsync(RunKind.Cleanup);

        Assert.Equal(productionRunning, await EngineState.RunningVmIdsAsync(primary));
        Assert.Equal(recoveryRunning, await EngineState.RunningVmIdsAsync(recovery));
        Assert.Equal(recoveryDomains, await EngineState.AttachedDomainStatusAsync(recovery));
        Assert.Equal(recoveryVmCount, (await recovery.GetVmsAsync()).Count);
        Assert.DoesNotContain(await recovery.GetStorageDomainsAsync(), d => productionDomains.ContainsKey(d.Name!) && d.Name != "hosted_storage");
        Assert.All(_lab.Lab.Simulation.ListPairs(), p => Assert.False(p.TestCopy));
        Assert.Equal(pairsBefore, _lab.Lab.Simulation.ListPairs().Select(p => (p.Id, p.SourceSite, p.State)).ToList());
    }

    [Fact]
    public async Task Cleanup_NoTestBefore_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<RunRequestException>(() =>
            _lab.Runner.StartAsync(new RunRequest(RunKind.Cleanup, RunMode.Planned, null, null, TestActors.Operator), CancellationToken.None));

        Assert.Contains("no test failover", ex.Message, StringComparison.Ordinal);
    }
}
