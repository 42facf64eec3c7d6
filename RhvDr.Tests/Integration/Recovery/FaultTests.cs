using RhvDr.Core.Recovery;
using RhvDr.Lab.Control;

namespace RhvDr.Tests.Recovery;

public sealed class FaultTests : IAsyncLifetime
{
    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() => _lab = await RecoveryLab.StartAsync(settings: new() { ["RhvDr:Recovery:OperationAttempts"] = "12" });

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Failover_ApiErrorsAndAVmThatWillNotStart_RetriesAndReportsThatVmWhileTheRestFinish()
    {
        var primary = await _lab.ClientAsync("primary");
        var running = await EngineState.RunningVmIdsAsync(primary);
        var broken = (await primary.GetVmsAsync()).First(v => running.Contains(v.Id!));
        await _lab.Control.SetFaultsAsync(new LabFaults(0.15, 0, [broken.Name!]));

        var details = await _lab.RunToEndAsync(RunKind.Failover);
        await _lab.Control.SetFaultsAsync(LabFaults.None);

        var outcome = Assert.Single(details.Vms, v => v.VmId == broken.Id);
        Assert.True(outcome.Failed);
        Assert.Contains("Bad volume specification", outcome.Reason, StringComparison.Ordinal);
        var recovery = await _lab.ClientAsync("recovery");
        var runningAtRecovery = await EngineState.RunningVmIdsAsync(recovery);
        Assert.Equal(running.Where(id => id != broken.Id).Order(), runningAtRecovery.Where(running.Contains).Order());
        Assert.Contains(details.Log, l => l.Message.Contains("retrying", StringComparison.Ordinal));
    }
}
