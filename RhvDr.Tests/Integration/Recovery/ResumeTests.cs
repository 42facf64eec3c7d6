using Microsoft.Extensions.DependencyInjection;
using RhvDr.Tests.Support;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

public sealed class ResumeTests : IAsyncLifetime
{
    private RecoveryLab _lab = null!;

    public async Task InitializeAsync() =>
        _lab = await RecoveryLab.StartAsync(settings: new() { ["RhvDr:Recovery:Replication"] = "manual" });

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Resume_ConsoleRestartedWhileRunWaits_FinishesWithoutStartingAnyVmTwice()
    {
        var primary = await _lab.ClientAsync("primary");
        var running = await EngineState.RunningVmIdsAsync(primary);
        var started = await _lab.Runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Planned, null, null, TestActors.Operator), CancellationToken.None);
        var waiting = await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Waiting, RunStatus.Failed);
        Assert.Equal(RunStatus.Waiting, waiting.Run.Status);
        Assert.Contains("sync", waiting.Steps.Single(s => s.Status == StepStatus.Running).Name, StringComparison.Ordinal);
        Assert.Contains("scsi_domain", waiting.Run.Prompt, StringComparison.Ordinal);

        await _lab.RestartHostAsync(new() { ["RhvDr:Recovery:Replication"] = "lab" });
        var interrupted = await _lab.Runner.GetAsync(started.Run.Id, CancellationToken.None);
        Assert.Equal(RunStatus.Interrupted, interrupted!.Run.Status);
        Assert.Empty(await EngineState.RunningVmIdsAsync(await _lab.ClientAsync("primary")));

        await _lab.Runner.ResumeAsync(started.Run.Id, TestActors.Operator, CancellationToken.None);
        var done = await _lab.WaitForStatusAsync(started.Run.Id, RunStatus.Succeeded, RunStatus.Failed);

        Assert.True(done.Run.Status == RunStatus.Succeeded, done.Run.Error);
        var recovery = await _lab.ClientAsync("recovery");
        var runningAtRecovery = await EngineState.RunningVmIdsAsync(recovery);
        Assert.Superset(running, runningAtRecovery);
        Assert.All(await EngineState.StartCountsAsync(recovery), c => Assert.Equal(1, c.Value));
        Assert.Equal(running.Count, done.Vms.Count(v => v.WasRunning));
        Assert.True(done.Log.Select(l => l.Sequence).SequenceEqual(done.Log.Select(l => l.Sequence).Order()));
    }

    [Fact]
    public async Task Start_TwoConcurrentRequests_MakeExactlyOneRun()
    {
        var request = new RunRequest(RunKind.Failover, RunMode.Planned, null, null, TestActors.Operator);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _lab.Runner.StartAsync(request, CancellationToken.None))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Run.Id).Distinct());
        Assert.Single(await _lab.Runner.ListAsync(10, CancellationToken.None));
        await _lab.Runner.CancelAsync(results[0].Run.Id, TestActors.Operator, CancellationToken.None);
    }

    [Fact]
    public async Task Resume_LogWrittenAfterTheRunRowWasSaved_ContinuesAfterTheHighestWrittenSequence()
    {
        // A run row saved at sequence 5 whose steps went on logging up to 9 before the console stopped.
        var store = _lab.Host.Services.GetRequiredService<IRunStore>();
        var now = DateTimeOffset.UtcNow;
        var run = new RecoveryRun
        {
            Id = "20260101-000000-resume", Kind = RunKind.Test, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            Status = RunStatus.Interrupted, RequestedBy = "tests", CreatedAt = now, StartedAt = now, LastSequence = 5,
        };
        await store.SaveRunAsync(run, CancellationToken.None);
        for (var sequence = 1; sequence <= 9; sequence++)
        {
            await store.AppendLogAsync(new RunLogEntry(run.Id, sequence, now, RunLogLevel.Info, $"entry {sequence}"), CancellationToken.None);
        }

        await _lab.Runner.ResumeAsync(run.Id, TestActors.Operator, CancellationToken.None);
        // This lab's replication is manual: the test run stops at the storage admin's prompt.
        var done = await _lab.WaitForStatusAsync(run.Id, RunStatus.Waiting, RunStatus.Succeeded, RunStatus.Failed);
        await _lab.Runner.CancelAsync(run.Id, TestActors.Operator, CancellationToken.None);

        var sequences = done.Log.Select(l => l.Sequence).ToList();
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
        Assert.Equal(sequences.Order(), sequences);
        Assert.Contains(done.Log, l => l.Sequence > 9 && l.Message.StartsWith("Resumed", StringComparison.Ordinal));
    }
}
