using RhvDr.Tests.Support;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

/// <summary>The manual adapter end to end: the test plays the storage admin on the lab array between prompts.</summary>
public sealed class ManualReplicationTests : IAsyncLifetime
{
    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() =>
        _lab = await RecoveryLab.StartAsync(vms: 20, settings: new() { ["RhvDr:Recovery:Replication"] = "manual" });

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Failover_ManualReplication_WaitsForEachStorageStepAndFinishesAfterConfirmations()
    {
        var running = await EngineState.RunningVmIdsAsync(await _lab.ClientAsync("primary"));
        var started = await _lab.Runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Planned, null, null, TestActors.Operator), CancellationToken.None);
        var array = _lab.Lab.Simulation;

        var sync = await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Waiting);
        Assert.Contains("update the replicas", sync.Run.Prompt, StringComparison.Ordinal);
        var resume = await Assert.ThrowsAsync<RunRequestException>(() => _lab.Runner.ResumeAsync(started.Run.Id, TestActors.Operator, CancellationToken.None));
        Assert.Contains("waiting for an operator", resume.Message, StringComparison.Ordinal);
        foreach (var pair in array.ListPairs())
        {
            array.ApplyPairAction(pair.Id, "sync");
        }

        await _lab.Runner.ConfirmAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);
        var failover = await _lab.WaitForRunAsync(started.Run.Id, d => d.Run.Status == RunStatus.Waiting && d.Run.Prompt!.Contains("split", StringComparison.Ordinal));
        Assert.Contains("demote the primary copy", failover.Run.Prompt, StringComparison.Ordinal);
        foreach (var pair in array.ListPairs())
        {
            array.ApplyPairAction(pair.Id, "demote");
            array.ApplyPairAction(pair.Id, "split");
            array.ApplyPairAction(pair.Id, "promote");
        }

        await _lab.Runner.ConfirmAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);
        var done = await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Succeeded, RunStatus.Failed);

        Assert.True(done.Run.Status == RunStatus.Succeeded, done.Run.Error);
        var wanted = done.Vms.Where(v => v.WasRunning).ToList();
        Assert.Equal(running.Order(), wanted.Select(v => v.VmId).Order());
        Assert.All(wanted, v => Assert.True(v.Up, v.Reason));
    }

    [Fact]
    public async Task PauseThenCancel_WaitingRun_StopsAtTheNextSafePointThenEndsCancelled()
    {
        var started = await _lab.Runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Planned, null, null, TestActors.Operator), CancellationToken.None);
        await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Waiting);
        await _lab.Runner.PauseAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);
        foreach (var pair in _lab.Lab.Simulation.ListPairs())
        {
            _lab.Lab.Simulation.ApplyPairAction(pair.Id, "sync");
        }

        await _lab.Runner.ConfirmAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);
        var paused = await _lab.WaitForRunAsync(started.Run.Id, d => d.Run.Status == RunStatus.Waiting && d.Run.Prompt!.StartsWith("Paused", StringComparison.Ordinal));
        Assert.Equal(StepStatus.Succeeded, paused.Steps.Single(s => s.Name == RecoveryStepNames.SyncReplicas).Status);

        var cancelled = await _lab.Runner.CancelAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);

        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        var details = await _lab.Runner.GetAsync(started.Run.Id, CancellationToken.None);
        Assert.Equal(RunStatus.Cancelled, details!.Run.Status);
        Assert.DoesNotContain(details.Steps, s => s.Name == RecoveryStepNames.RemoveSource && s.Status == StepStatus.Succeeded);
        var next = await _lab.Runner.StartAsync(new RunRequest(RunKind.Test, RunMode.Planned, null, null, TestActors.Operator), CancellationToken.None);
        Assert.True(next.Created);
        await _lab.Runner.CancelAsync(next.Run.Id, TestActors.Operator, CancellationToken.None);
    }
}
