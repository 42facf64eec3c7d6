using RhvDr.Console.Model;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

public class RunViewModelTests
{
    private static readonly DateTimeOffset Now = SiteSnapshotBuilder.Now;

    [Fact]
    public void From_StepFarPastExpected_FlagsItStuck()
    {
        var details = Details(Step(0, StepStatus.Running, startedSecondsAgo: 200, expected: 60));

        var model = RunViewModel.From(details, Now);

        Assert.True(model.Steps[0].Stuck);
        Assert.Same(model.Steps[0], model.StuckStep);
    }

    [Theory]
    [InlineData(100, 60)] // past expected but under 3×
    [InlineData(50, 5)] // 10× a short estimate but under a minute
    public void From_StepLateButNotFarPast_NotStuck(int startedSecondsAgo, int expected)
    {
        var model = RunViewModel.From(Details(Step(0, StepStatus.Running, startedSecondsAgo, expected)), Now);

        Assert.False(model.Steps[0].Stuck);
        Assert.Null(model.StuckStep);
    }

    [Fact]
    public void From_ActiveRun_EtaIsRestOfRunningStepPlusPendingSteps()
    {
        // The finished step took its expected 10 s: the estimates hold.
        var model = RunViewModel.From(Details(
            Step(0, StepStatus.Succeeded, 11, 10),
            Step(1, StepStatus.Running, 20, 50),
            Step(2, StepStatus.Pending, null, 120)), Now);

        Assert.Equal(TimeSpan.FromSeconds(150), model.Remaining);
        Assert.Equal(Now.AddSeconds(150), model.Eta);
    }

    [Fact]
    public void From_StepsTwiceAsSlowAsExpected_EtaReEstimatesAtThatPace()
    {
        // 20 s for a 10 s estimate: the running step's 50 s become 100 (20 gone), the pending 120 s become 240.
        var model = RunViewModel.From(Details(
            Step(0, StepStatus.Succeeded, 21, 10),
            Step(1, StepStatus.Running, 20, 50),
            Step(2, StepStatus.Pending, null, 120)), Now);

        Assert.Equal(TimeSpan.FromSeconds(320), model.Remaining);
    }

    [Fact]
    public void From_StepsFarFasterThanExpected_EtaShrinksWithThem()
    {
        // An instant lab: 1 s for a 100 s estimate; the 300 s still pending are 3 s at that pace, not 5 minutes.
        var model = RunViewModel.From(Details(
            Step(0, StepStatus.Succeeded, 2, 100),
            Step(1, StepStatus.Pending, null, 300)), Now);

        Assert.Equal(TimeSpan.FromSeconds(3), model.Remaining);
        Assert.StartsWith("~3 s left", model.EtaText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStatus.AwaitingApproval, "waiting for approval by a second operator")]
    [InlineData(RunStatus.Waiting, "waiting for an operator to confirm")]
    [InlineData(RunStatus.Pending, "waiting to start")]
    public void From_RunWaitingForAPerson_NoEtaButWhatItWaitsFor(RunStatus status, string text)
    {
        var details = Details(Step(0, StepStatus.Running, 20, 50), Step(1, StepStatus.Pending, null, 120));
        var model = RunViewModel.From(details with { Run = details.Run with { Status = status } }, Now);

        Assert.Null(model.Remaining);
        Assert.Null(model.Eta);
        Assert.Equal(text, model.EtaText);
    }

    [Theory]
    [InlineData(RunKind.Test, RunStatus.Succeeded, "Clean up the test", "runs/new?kind=cleanup")]
    [InlineData(RunKind.Failover, RunStatus.Succeeded, "Fail back when ready", "runs/new?kind=failback&mode=planned")]
    [InlineData(RunKind.Failover, RunStatus.Failed, "Resume", null)]
    public void FollowUp_FinishedRun_LeadsToTheNextOperation(RunKind kind, RunStatus status, string label, string? href)
    {
        var details = Details(Step(0, StepStatus.Succeeded, 11, 10));
        var model = RunViewModel.From(details with { Run = details.Run with { Kind = kind, Status = status, FinishedAt = Now } }, Now);

        Assert.Equal(new RunFollowUp(label, href), model.FollowUp);
    }

    [Theory]
    [InlineData(RunKind.Test, "Clean up the test", "runs/new?kind=cleanup&plan=db%20tier")]
    [InlineData(RunKind.Failover, "Fail back when ready", "runs/new?kind=failback&mode=planned&plan=db%20tier")]
    public void FollowUp_PlanRunSucceeded_NamesThePlanItFollows(RunKind kind, string label, string href)
    {
        var details = Details(Step(0, StepStatus.Succeeded, 11, 10));
        var model = RunViewModel.From(details with { Run = details.Run with { Kind = kind, Plan = "db tier", Status = RunStatus.Succeeded, FinishedAt = Now } }, Now);

        Assert.Equal(new RunFollowUp(label, href), model.FollowUp);
    }

    [Fact]
    public void FollowUp_FailbackSucceeded_None()
    {
        var details = Details(Step(0, StepStatus.Succeeded, 11, 10));
        var model = RunViewModel.From(details with { Run = details.Run with { Kind = RunKind.Failback, Status = RunStatus.Succeeded, FinishedAt = Now } }, Now);

        Assert.Null(model.FollowUp);
    }

    [Fact]
    public void From_FinishedRun_NoEta()
    {
        var details = Details(Step(0, StepStatus.Succeeded, 100, 10));
        var model = RunViewModel.From(details with { Run = details.Run with { Status = RunStatus.Succeeded, FinishedAt = Now } }, Now);

        Assert.Null(model.Remaining);
        Assert.Equal("", model.EtaText);
    }

    [Fact]
    public void From_FirstWaveUp_CurrentWaveIsTheSecond()
    {
        var details = Details(Step(0, StepStatus.Running, 10, 120)) with
        {
            Vms = [Vm("a", wave: 1, up: true), Vm("b", wave: 2), Vm("c", wave: 3), Vm("d", wave: 0)],
        };

        var model = RunViewModel.From(details, Now);

        Assert.Equal(2, model.CurrentWave);
        Assert.Equal(3, model.Waves);
    }

    [Fact]
    public void FilterVms_ByStateAndName_ReturnsMatchingRows()
    {
        var details = Details(Step(0, StepStatus.Running, 10, 120)) with
        {
            Vms = [Vm("web-1", 1, up: true), Vm("web-2", 1) with { Failed = true, Reason = "no host" }, Vm("db-1", 1, up: true), Vm("app-1", 0) with { Registered = true }],
        };
        var model = RunViewModel.From(details, Now);

        Assert.Equal(["web-1"], model.FilterVms(RunVmState.Up, "WEB").Select(v => v.VmName));
        Assert.Equal(["web-2"], model.FilterVms(RunVmState.Failed, null).Select(v => v.VmName));
        Assert.Equal(2, model.StateCounts[RunVmState.Up]);
        Assert.Equal(1, model.StateCounts[RunVmState.Registered]);
    }

    private static RunStep Step(int index, StepStatus status, int? startedSecondsAgo, double expected) => new()
    {
        RunId = "r", Index = index, Name = $"step-{index}", Title = $"Step {index}", Status = status, ExpectedSeconds = expected,
        StartedAt = startedSecondsAgo is { } ago ? Now.AddSeconds(-ago) : null,
        FinishedAt = status == StepStatus.Succeeded ? Now.AddSeconds(-1) : null,
    };

    private static VmOutcome Vm(string name, int wave, bool up = false) =>
        new() { RunId = "r", VmId = name, VmName = name, WasRunning = true, Wave = wave, Registered = true, Started = wave > 0, Up = up };

    private static RunDetails Details(params RunStep[] steps) => new(
        new RecoveryRun
        {
            Id = "r", Kind = RunKind.Failover, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            Status = RunStatus.Running, RequestedBy = "tester", CreatedAt = Now.AddMinutes(-5), StartedAt = Now.AddMinutes(-5),
        },
        steps, [], []);
}
