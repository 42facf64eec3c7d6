using RhvDr.Tests.Support;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

public sealed class DisasterFailoverTests : IAsyncLifetime
{
    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() => _lab = await RecoveryLab.StartAsync(vms: 80);

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Failover_PrimaryDown_RecoversReplicatedVmsAndReportsVmsNewerThanTheOvfUpdate()
    {
        var primary = await _lab.ClientAsync("primary");
        var running = await EngineState.RunningVmIdsAsync(primary);
        var lab = _lab.Lab.Simulation;
        var newer = lab.Read("primary", engine =>
        {
            var lastOvfUpdate = engine.StorageDomains.Values.Where(d => d.OvfUpdatedAt is not null).Min(d => d.OvfUpdatedAt!.Value);
            return engine.Vms.Values.Where(v => v.Status == "up" && v.CreatedAt > lastOvfUpdate).Select(v => v.Id).ToHashSet();
        });

        Assert.NotEmpty(newer);
        await _lab.WaitForInventoryAsync();
        await _lab.Control.SetSiteDownAsync("primary");

        var details = await _lab.RunToEndAsync(RunKind.Failover, RunMode.Disaster, confirmSite: "primary");

        var recovery = await _lab.ClientAsync("recovery");
        var runningAtRecovery = await EngineState.RunningVmIdsAsync(recovery);
        Assert.All(running.Except(newer), id => Assert.Contains(id, runningAtRecovery));
        Assert.All(newer, id =>
        {
            Assert.DoesNotContain(id, runningAtRecovery);
            var outcome = Assert.Single(details.Vms, v => v.VmId == id);
            Assert.True(outcome.Failed);
            Assert.Contains("Not recovered", outcome.Reason, StringComparison.Ordinal);
        });
        Assert.Contains(details.Steps, s => s.Name == RecoveryStepNames.SanlockWait && s.Status == StepStatus.Succeeded);
        Assert.NotNull(details.Run.RecoveryPoint);
    }

    [Fact]
    public async Task Failover_Disaster_ImportsNothingBeforeTheLeasesHaveExpiredSinceTheRunStarted()
    {
        await using var lab = await RecoveryLab.StartAsync(vms: 20, settings: new() { ["RhvDr:Recovery:SanlockWait"] = "00:00:01.500" });
        await lab.WaitForInventoryAsync();
        await lab.Control.SetSiteDownAsync("primary");

        var details = await lab.RunToEndAsync(RunKind.Failover, RunMode.Disaster, confirmSite: "primary");

        Assert.Equal(RunStatus.Succeeded, details.Run.Status);
        var wait = Assert.Single(details.Steps, s => s.Name == RecoveryStepNames.SanlockWait);
        // Times are stored to the millisecond.
        Assert.True(wait.FinishedAt >= details.Run.StartedAt!.Value.AddSeconds(1.5).AddMilliseconds(-1), $"the lease wait ended {wait.FinishedAt:O}, less than 1.5 s after the run started {details.Run.StartedAt:O}");
        var later = details.Steps.Where(s => s.Index > wait.Index && s.StartedAt is not null).ToList();
        Assert.NotEmpty(later);
        Assert.All(later, s => Assert.True(s.StartedAt >= wait.FinishedAt, $"step {s.Name} started before the lease wait ended"));
        Assert.Contains("from the run's start", wait.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DisasterWithoutSiteConfirmation_IsRefusedNamingTheSite()
    {
        var ex = await Assert.ThrowsAsync<RunRequestException>(() =>
            _lab.Runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Disaster, "recovery", null, TestActors.Operator), CancellationToken.None));

        Assert.Contains("confirmSite \"primary\"", ex.Message, StringComparison.Ordinal);
    }
}
