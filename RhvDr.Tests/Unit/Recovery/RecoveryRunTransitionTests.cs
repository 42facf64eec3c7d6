using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

/// <summary>A run's life as the runner, the API and the run page see it: which transitions it takes, and what it refuses in words.</summary>
public sealed class RecoveryRunTransitionTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly RecoveryRun Awaiting = new()
    {
        Id = "r1",
        Kind = RunKind.Failover,
        Mode = RunMode.Planned,
        SourceSite = "primary",
        TargetSite = "recovery",
        RequestedBy = "alice",
        CreatedAt = Created,
        Status = RunStatus.AwaitingApproval,
        Prompt = "needs a second operator",
    };

    [Theory]
    [InlineData(RunKind.Test, RunStatus.Cancelled, true, true)]
    [InlineData(RunKind.Test, RunStatus.Cancelled, false, false)]
    [InlineData(RunKind.Test, RunStatus.Failed, true, true)]
    [InlineData(RunKind.Failover, RunStatus.Cancelled, true, false)]
    [InlineData(RunKind.Failover, RunStatus.Succeeded, true, true)]
    [InlineData(RunKind.Cleanup, RunStatus.Succeeded, true, true)]
    [InlineData(RunKind.Cleanup, RunStatus.Failed, true, false)]
    [InlineData(RunKind.Cleanup, RunStatus.Cancelled, true, false)]
    public void ShapesTarget_ATestCancelledAfterItStartedStillHoldsItsCopies(RunKind kind, RunStatus status, bool started, bool expected)
    {
        var run = Awaiting with { Kind = kind, Status = status, StartedAt = started ? Created.AddMinutes(1) : null };

        Assert.Equal(expected, run.ShapesTarget);
    }

    [Fact]
    public void Approve_BySecondOperatorWithAReason_PendsWithTheApprover()
    {
        var approved = Awaiting.Approve("bob", "  change window 42  ", Created.AddMinutes(1));

        Assert.Equal((RunStatus.Pending, "bob", "change window 42", Created.AddMinutes(1), (string?)null),
            (approved.Status, approved.ApprovedBy, approved.ApprovalReason, approved.ApprovedAt, approved.Prompt));
    }

    [Theory]
    [InlineData("alice", "looks fine", "a second operator must approve or reject it (four-eyes)")]
    [InlineData("ALICE", "looks fine", "a second operator must approve or reject it (four-eyes)")]
    [InlineData("bob", " ok ", "Write a reason of at least 5 characters")]
    public void Approve_ByTheRequesterOrWithoutAReason_IsRefusedInWords(string by, string reason, string expected)
    {
        var error = Assert.Throws<RunRequestException>(() => Awaiting.Approve(by, reason, Created));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Awaiting.MayDecide("alice"));
        Assert.True(Awaiting.MayDecide("bob"));
    }

    [Fact]
    public void Reject_CancelsTheRunWithWhoAndWhy()
    {
        var rejected = Awaiting.Reject("bob", "not tonight", Created.AddMinutes(2));

        Assert.Equal(RunStatus.Cancelled, rejected.Status);
        Assert.Equal("Not approved: bob rejected it: not tonight", rejected.Error);
        Assert.Equal(Created.AddMinutes(2), rejected.FinishedAt);
        Assert.Throws<RunRequestException>(() => rejected.Approve("carol", "too late now", Created));
    }

    [Fact]
    public void Start_AwaitingApproval_IsRefused_AResumedRunKeepsItsFirstStart()
    {
        Assert.Contains("cannot start", Assert.Throws<RunRequestException>(() => Awaiting.Start(Created)).Message, StringComparison.Ordinal);

        var started = (Awaiting with { Status = RunStatus.Pending }).Start(Created.AddMinutes(1));
        var failed = started.Fail("engine gone", Created.AddMinutes(3));
        var resumed = failed.Start(Created.AddMinutes(5));

        Assert.Equal((RunStatus.Running, Created.AddMinutes(1), (DateTimeOffset?)null, (string?)null),
            (resumed.Status, resumed.StartedAt, resumed.FinishedAt, resumed.Error));
    }

    [Theory]
    [InlineData(RunStatus.Interrupted, null)]
    [InlineData(RunStatus.Failed, null)]
    [InlineData(RunStatus.Running, "Run r1 is running; only an interrupted or failed run can be resumed.")]
    [InlineData(RunStatus.Waiting, "Run r1 is waiting for an operator: confirm its prompt or cancel it")]
    [InlineData(RunStatus.Succeeded, "Run r1 is succeeded; only an interrupted or failed run can be resumed.")]
    public void ResumeRefusal_OnlyAnInterruptedOrFailedRunContinues(RunStatus status, string? refusal)
    {
        var said = (Awaiting with { Status = status }).ResumeRefusal();

        if (refusal is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.StartsWith(refusal, said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cancel_AFinishedRun_IsRefused_AnActiveOneEnds()
    {
        var running = (Awaiting with { Status = RunStatus.Pending }).Start(Created);
        var cancelled = running.Cancel(Created.AddMinutes(1));

        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Equal("Run r1 is already cancelled.", Assert.Throws<RunRequestException>(() => cancelled.Cancel(Created)).Message);
    }

    [Fact]
    public void WaitAndContinue_OnlyARunningRunWaits_OnlyAWaitingOneContinues()
    {
        var running = (Awaiting with { Status = RunStatus.Pending }).Start(Created);
        var waiting = running.Wait("Promote the LUNs");

        Assert.Equal((RunStatus.Waiting, "Promote the LUNs"), (waiting.Status, waiting.Prompt));
        Assert.Equal((RunStatus.Running, (string?)null), (waiting.Continue().Status, waiting.Continue().Prompt));
        Assert.Throws<RunRequestException>(() => running.Continue());
        Assert.Throws<RunRequestException>(() => Awaiting.Wait("x"));
    }
}
