using RhvDr.Tests.Support;
using System.Globalization;
using RhvDr.Core.Recovery;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Recovery;

/// <summary>
/// The target side as a pipeline per domain, on a lab whose storage operations take time (attaches queue behind the SPM,
/// 150 ms each): a domain's VMs register and start while later domains still wait, and a run stopped in the middle resumes.
/// </summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private const double TimeScale = 0.01;
    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() =>
        _lab = await RecoveryLab.StartAsync(vms: 60, timeScale: TimeScale, dataDomains: 8, settings: new()
        {
            ["Lab:TimeScale"] = TimeScale.ToString(CultureInfo.InvariantCulture),
            ["RhvDr:Recovery:SanlockWait"] = "00:00:00",
            ["RhvDr:Recovery:PollInterval"] = "00:00:00.020",
        });

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Failover_StorageQueuesBehindSpm_FirstDomainsVmsRegisterAndStartBeforeTheLastDomainIsAttached()
    {
        await _lab.WaitForInventoryAsync();
        await _lab.Control.SetSiteDownAsync("primary");

        var details = await _lab.RunToEndAsync(RunKind.Failover, RunMode.Disaster, confirmSite: "primary");

        // The lab's own audit log, in the order it happened: some VM was registered and some started before the last attach.
        var events = _lab.Lab.Simulation.Read("recovery", e => e.Events.ToList());

        var lastAttach = events.Last(e => e.Code == EventCodes.UserAttachStorageDomainToPool.Code).Id;
        Assert.Contains(events, e => e.Code == EventCodes.VmImportFromConfigurationExecutedSuccessfully.Code && e.Id < lastAttach);
        Assert.Contains(events, e => e.Code == EventCodes.UserRunVm.Code && e.Id < lastAttach);

        // The run's steps say the same: registering and starting began while attaching was still going on.
        var attach = details.Steps.Single(s => s.Name == RecoveryStepNames.ActivateDomains);
        var register = details.Steps.Single(s => s.Name == RecoveryStepNames.RegisterVms);
        var start = details.Steps.Single(s => s.Name == RecoveryStepNames.StartVms);
        Assert.All(details.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.True(register.StartedAt < attach.FinishedAt, $"register-vms began {register.StartedAt:O}, attaching ended {attach.FinishedAt:O}");
        Assert.True(start.StartedAt < attach.FinishedAt, $"start-vms began {start.StartedAt:O}, attaching ended {attach.FinishedAt:O}");
        Assert.Contains(details.Vms, v => v.Up && v.UpAt < attach.FinishedAt);
    }

    [Fact]
    public async Task Resume_ConsoleRestartedMidPipeline_FinishesWithEveryVmStartedOnce()
    {
        var running = await EngineState.RunningVmIdsAsync(await _lab.ClientAsync("primary"));
        await _lab.WaitForInventoryAsync();
        await _lab.Control.SetSiteDownAsync("primary");
        var started = await _lab.Runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Disaster, "primary", null, TestActors.Operator), CancellationToken.None);

        // Stopped once every domain is imported, while domains still attach and some VMs are already started.
        var midway = await _lab.WaitForRunAsync(started.Run.Id, d =>
            !d.Run.IsActive || (d.Vms.Any(v => v.Started)
                && d.Steps.Any(s => s.Name == RecoveryStepNames.ImportDomains && s.Status == StepStatus.Succeeded)
                && d.Steps.Any(s => s.Name == RecoveryStepNames.ActivateDomains && s.Status == StepStatus.Running)));
        Assert.True(midway.Run.IsActive, $"the run ended ({midway.Run.Status}) before it could be stopped mid-pipeline");
        await _lab.RestartHostAsync(new()
        {
            ["Lab:TimeScale"] = TimeScale.ToString(CultureInfo.InvariantCulture),
            ["RhvDr:Recovery:SanlockWait"] = "00:00:00",
            ["RhvDr:Recovery:PollInterval"] = "00:00:00.020",
        });

        var interrupted = (await _lab.Runner.GetAsync(started.Run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Interrupted, interrupted.Run.Status);
        Assert.Equal(StepStatus.Succeeded, interrupted.Steps.Single(s => s.Name == RecoveryStepNames.ImportDomains).Status);
        Assert.Contains(interrupted.Vms, v => v.Started);
        Assert.Contains(interrupted.Steps, s => s.Name == RecoveryStepNames.StartVms && s.Status != StepStatus.Succeeded);

        await _lab.Runner.ResumeAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);
        var done = await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Succeeded, RunStatus.Failed);

        Assert.True(done.Run.Status == RunStatus.Succeeded, done.Run.Error);
        Assert.All(done.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        var recovery = await _lab.ClientAsync("recovery");
        var runningAtRecovery = await EngineState.RunningVmIdsAsync(recovery);
        Assert.Equal(running.Order(), done.Vms.Where(v => v.WasRunning).Select(v => v.VmId).Order());
        Assert.All(done.Vms.Where(v => v.WasRunning && !v.Failed), v =>
        {
            Assert.True(v.Up, $"{v.VmName} is not up");
            Assert.Contains(v.VmId, runningAtRecovery);
        });
        Assert.All(done.Vms.Where(v => runningAtRecovery.Contains(v.VmId)), v => Assert.Contains(v.VmId, running));
        Assert.All(await EngineState.StartCountsAsync(recovery), c => Assert.Equal(1, c.Value));
        Assert.True(done.Log.Select(l => l.Sequence).SequenceEqual(done.Log.Select(l => l.Sequence).Order()));
    }

    [Fact]
    public async Task Failover_OneAtATime_RecoversLikeTheParallelRun()
    {
        await _lab.RestartHostAsync(new()
        {
            ["Lab:TimeScale"] = TimeScale.ToString(CultureInfo.InvariantCulture),
            ["RhvDr:Recovery:SanlockWait"] = "00:00:00",
            ["RhvDr:Recovery:PollInterval"] = "00:00:00.020",
            ["RhvDr:Recovery:MaxParallelStarts"] = "1",
        });
        var running = await EngineState.RunningVmIdsAsync(await _lab.ClientAsync("primary"));
        await _lab.WaitForInventoryAsync();
        await _lab.Control.SetSiteDownAsync("primary");

        var details = await _lab.RunToEndAsync(RunKind.Failover, RunMode.Disaster, confirmSite: "primary");

        var wanted = details.Vms.Where(v => v.WasRunning).ToList();
        Assert.All(wanted.Where(v => !v.Failed), v => Assert.True(v.Up, $"{v.VmName} is not up"));
        Assert.All(wanted.Where(v => v.Failed), v => Assert.Contains("Not recovered", v.Reason, StringComparison.Ordinal));
        Assert.Equal(running.Count, wanted.Count);

        // One slot: each VM started only after the one before it was up, highest rank (HA first, by priority) first.
        var byStart = wanted.Where(v => v.Started).OrderBy(v => v.StartedAt).ToList();
        Assert.All(byStart.Zip(byStart.Skip(1)), pair => Assert.True(pair.First.UpAt <= pair.Second.StartedAt, $"{pair.Second.VmName} started before {pair.First.VmName} was up"));
    }
}
