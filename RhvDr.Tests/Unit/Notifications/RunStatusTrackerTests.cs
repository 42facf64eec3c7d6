using RhvDr.Core.Notifications;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Notifications;

public sealed class RunStatusTrackerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly RecoveryRun Run = new()
    {
        Id = "20250301-080000-abcdef",
        Kind = RunKind.Test,
        Mode = RunMode.Planned,
        SourceSite = "primary",
        TargetSite = "recovery",
        RequestedBy = "anna",
        CreatedAt = Now,
    };

    [Fact]
    public void IsChange_RunLifeWithLogsAndRecoveryPoint_PicksOnlyStatusChangesAndPrompts()
    {
        var tracker = new RunStatusTracker();
        RunEvent[] events =
        [
            Event(1, RunEventKind.Status, Run with { Status = RunStatus.Running }),
            Event(2, RunEventKind.Log, new RunLogEntry(Run.Id, 2, Now, RunLogLevel.Info, "Started")),
            Event(3, RunEventKind.Status, Run with { Status = RunStatus.Running, RecoveryPoint = Now }),
            Event(4, RunEventKind.Prompt, Run with { Status = RunStatus.Waiting, Prompt = "Promote the replicas" }),
            Event(5, RunEventKind.Status, Run with { Status = RunStatus.Running }),
            Event(6, RunEventKind.Prompt, Run with { Status = RunStatus.Waiting, Prompt = "Paused by an operator" }),
            Event(7, RunEventKind.Status, Run with { Status = RunStatus.Running }),
            Event(8, RunEventKind.Status, Run with { Status = RunStatus.Succeeded }),
        ];

        var changes = events.Where(e => tracker.IsChange(e, out _)).Select(e => e.Sequence);

        Assert.Equal([1L, 4, 5, 6, 7, 8], changes);
    }

    [Fact]
    public void IsChange_FailedRunResumed_ReportsRunningAgain()
    {
        var tracker = new RunStatusTracker();
        tracker.IsChange(Event(1, RunEventKind.Status, Run with { Status = RunStatus.Running }), out _);
        tracker.IsChange(Event(2, RunEventKind.Status, Run with { Status = RunStatus.Failed }), out _);

        var resumed = tracker.IsChange(Event(3, RunEventKind.Status, Run with { Status = RunStatus.Running }), out var run);

        Assert.True(resumed);
        Assert.Equal(RunStatus.Running, run?.Status);
    }

    private static RunEvent Event(long sequence, RunEventKind kind, object payload) => new(Run.Id, sequence, Now, kind, payload);
}
