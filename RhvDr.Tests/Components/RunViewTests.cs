using RhvDr.Core.Security;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

public class RunViewTests : ConsoleTestContext
{
    private const string RunId = "20260101-000000-abcdef";
    private readonly RunNotifier _notifier = new(TimeProvider.System);
    private readonly FakeRecoveryRunner _runner;

    public RunViewTests()
    {
        _runner = new FakeRecoveryRunner(Details(RunStatus.Waiting, "Promote the recovery copies, then confirm.", up: false));
        Services.AddSingleton<IRecoveryRunner>(_runner);
        Services.AddSingleton<IRunNotifier>(_notifier);
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void Render_WaitingRun_ShowsStepsVmsAndPromptAndConfirmAnswersIt()
    {
        RenderProviders();
        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        Assert.Equal("waiting", cut.Find(".run-status").TextContent.Trim());
        Assert.Contains("Promote the recovery copies", cut.Find(".run-prompt-text").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll(".run-step").Count);
        Assert.Contains(cut.FindAll(".run-vm-name"), c => c.TextContent == "prod-web-001");

        cut.Find(".run-confirm").Click();

        Assert.Contains($"confirm {RunId}", _runner.Calls);
    }

    [Fact]
    public void Render_AwaitingApprovalForAnotherOperator_ApprovesWithTheReason()
    {
        SignInAs("bob", Role.Operator);
        _runner.Details = Details(RunStatus.AwaitingApproval, "A disaster failover needs a second operator's approval.", up: false);
        RenderProviders();
        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));
        Assert.Equal("awaiting approval", cut.Find(".run-status").TextContent.Trim());
        Assert.True(cut.Find("button.run-approve").HasAttribute("disabled"));

        cut.Find(".run-approval-reason textarea").Input("primary array confirmed lost");
        cut.Find("button.run-approve").Click();

        Assert.Contains($"approve {RunId} by bob: primary array confirmed lost", _runner.Calls);
    }

    [Fact]
    public void Render_AwaitingApprovalForItsRequester_OffersNoApproval()
    {
        SignInAs("tester", Role.Operator);
        _runner.Details = Details(RunStatus.AwaitingApproval, "A disaster failover needs a second operator's approval.", up: false);

        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        Assert.Contains("another operator must approve it", cut.Find(".run-approval-self").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button.run-approve"));
        Assert.Single(cut.FindAll(".run-cancel"));
    }

    [Fact]
    public void Render_WaitingRunForViewer_OffersNoActions()
    {
        SignInAs("manager", Role.Viewer);

        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        Assert.Contains("Promote the recovery copies", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".run-confirm"));
        Assert.Empty(cut.FindAll(".run-cancel"));
    }

    [Fact]
    public void Publish_VmComesUp_PageFollowsWithoutReload()
    {
        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));
        Assert.Equal("0 / 1", cut.Find(".run-vms-up").TextContent.Trim());

        var next = Details(RunStatus.Succeeded, null, up: true);
        _notifier.Publish(new RunEvent(RunId, 7, DateTimeOffset.UtcNow, RunEventKind.VmUpdated, next.Vms[0]), next);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("1 / 1", cut.Find(".run-vms-up").TextContent.Trim());
            Assert.Equal("succeeded", cut.Find(".run-status").TextContent.Trim());
            Assert.Empty(cut.FindAll(".run-confirm"));
        });
    }

    [Fact]
    public void Publish_TwoPagesOnOneRun_BothFollowLive()
    {
        var first = Render<RunView>(p => p.Add(v => v.Id, RunId));
        var second = Render<RunView>(p => p.Add(v => v.Id, RunId));

        var next = Details(RunStatus.Succeeded, null, up: true);
        _notifier.Publish(new RunEvent(RunId, 7, DateTimeOffset.UtcNow, RunEventKind.VmUpdated, next.Vms[0]), next);

        first.WaitForAssertion(() => Assert.Equal("1 / 1", first.Find(".run-vms-up").TextContent.Trim()));
        second.WaitForAssertion(() => Assert.Equal("1 / 1", second.Find(".run-vms-up").TextContent.Trim()));
        Assert.Equal("up", second.Find(".run-vm-state").TextContent.Trim());
    }

    [Fact]
    public void Render_StepFarPastExpected_ShowsStuckWarningAndEta()
    {
        var details = Details(RunStatus.Running, null, up: false);
        _runner.Details = details with { Steps = [.. details.Steps.Select(s => s.Status == StepStatus.Running ? s with { ExpectedSeconds = 10 } : s)] };

        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        Assert.Contains("Storage", cut.Find(".run-stuck").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll(".run-step-stuck"));
        // A running step gives a time left and the clock time it comes to, not a wait.
        Assert.Matches(@"^~\S.* left \(about \d{2}:\d{2}:\d{2} UTC\)$", cut.Find(".run-eta").TextContent.Trim());
        Assert.Equal("false", cut.Find(".run-eta").GetAttribute("data-waiting"));
    }

    [Fact]
    public void Render_AwaitingApproval_EtaSaysWhatItWaitsForNotATime()
    {
        _runner.Details = Details(RunStatus.AwaitingApproval, "A disaster failover needs a second operator's approval.", up: false);

        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        Assert.Equal("waiting for approval by a second operator", cut.Find(".run-eta").TextContent.Trim());
        Assert.Equal("true", cut.Find(".run-eta").GetAttribute("data-waiting"));
        Assert.DoesNotContain("left", cut.Find(".run-eta").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WaitingForConfirmation_EtaSaysWaitingAndUpdatesWhenTheRunGoesOn()
    {
        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));
        Assert.Equal("waiting for an operator to confirm", cut.Find(".run-eta").TextContent.Trim());

        var running = Details(RunStatus.Running, null, up: false);
        _notifier.Publish(new RunEvent(RunId, 7, DateTimeOffset.UtcNow, RunEventKind.Status, running.Run), running);

        cut.WaitForAssertion(() => Assert.EndsWith("UTC)", cut.Find(".run-eta").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("false", cut.Find(".run-eta").GetAttribute("data-waiting"));
    }

    [Fact]
    public void Render_SucceededFailover_OutcomeBannerWithRtoAndFailBack()
    {
        SignInAs("bob", Role.Operator);
        var details = Details(RunStatus.Succeeded, null, up: true);
        _runner.Details = details with
        {
            Run = details.Run with { FinishedAt = details.Run.StartedAt!.Value.AddSeconds(30) },
            Vms = [.. details.Vms.Select(v => v with { UpAt = details.Run.StartedAt!.Value.AddSeconds(25) })],
        };

        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        Assert.Equal("Planned failover succeeded in 30 s: 1 of 1 VMs up.", cut.Find(".run-outcome-text").TextContent.Trim());
        Assert.StartsWith("RTO achieved 25 s · RPO 0 s", cut.Find(".run-outcome-measures").TextContent.Trim(), StringComparison.Ordinal);
        var followUp = cut.Find("a.run-follow-up");
        Assert.Equal("Fail back when ready", followUp.TextContent.Trim());
        Assert.Equal("runs/new?kind=failback&mode=planned", followUp.GetAttribute("href"));
        Assert.Equal("1 of 1 VMs up", cut.Find(".run-progress-text").TextContent.Trim());
        Assert.All(cut.FindAll(".run-step-icon"), i => Assert.Contains("run-step-icon-succeeded", i.ClassList));
    }

    [Fact]
    public void FilterFailed_VmGrid_ShowsOnlyFailedVmsWithReason()
    {
        var details = Details(RunStatus.Running, null, up: false);
        _runner.Details = details with
        {
            Vms = [.. details.Vms, new VmOutcome { RunId = RunId, VmId = "vm2", VmName = "prod-db-001", WasRunning = true, Failed = true, Reason = "No host with enough memory" }],
        };
        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        cut.Find(".run-vm-filter-failed").Click();

        var name = Assert.Single(cut.FindAll(".run-vm-name"));
        Assert.Equal("prod-db-001", name.TextContent);
        Assert.Equal("No host with enough memory", cut.Find(".run-vm-failed").TextContent);
    }

    [Fact]
    public void Publish_PlanRunVmsComeUp_LanesFillLive()
    {
        _runner.Details = PlanRun(RunStatus.Waiting, "Confirm with the storage team that replication is split.", dbUp: false);
        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));
        Assert.Contains("plan core-services", cut.Find(".run-title").TextContent, StringComparison.Ordinal);
        Assert.Contains("Confirm with the storage team", cut.Find(".run-lanes-prompt").TextContent, StringComparison.Ordinal);
        var lane1 = cut.Find("[data-testid='run-lane-1']");
        Assert.Equal(("0", "1", "1"), (lane1.GetAttribute("data-up"), lane1.GetAttribute("data-starting"), lane1.GetAttribute("data-waiting")));
        Assert.Equal("starting", cut.Find("[data-testid='run-lane-1'] [data-vm='prod-db-002']").GetAttribute("data-state"));
        Assert.Equal("2", cut.Find("[data-testid='run-lane-2']").GetAttribute("data-waiting"));
        Assert.Empty(cut.FindAll("[data-testid='run-lane-3']"));

        var next = PlanRun(RunStatus.Running, null, dbUp: true);
        _notifier.Publish(new RunEvent(RunId, 7, DateTimeOffset.UtcNow, RunEventKind.VmUpdated, next.Vms[0]), next);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("up", cut.Find("[data-testid='run-lane-1'] [data-vm='prod-db-002']").GetAttribute("data-state"));
            Assert.Equal("failed", cut.Find("[data-testid='run-lane-1'] [data-vm='prod-db-008']").GetAttribute("data-state"));
            Assert.Equal("1 up", cut.Find("[data-testid='run-lane-1'] .run-lane-up").TextContent.Trim());
            Assert.Equal("1 failed", cut.Find("[data-testid='run-lane-1'] .run-lane-failed").TextContent.Trim());
            Assert.Empty(cut.FindAll(".run-lanes-prompt"));
        });
    }

    [Fact]
    public void Render_PlanSkipsAVm_ItsLaneShowsItSkippedNotWaiting_AndProgressLeavesItOut()
    {
        var details = PlanRun(RunStatus.Running, null, dbUp: true);
        _runner.Details = details with
        {
            Vms = [.. details.Vms.Select(v => v.VmName == "prod-auth-017" ? v with { Skipped = true, Reason = "Registered, not started: plan 'core-services' skips it (skip: true)." } : v)],
        };

        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        var lane2 = cut.Find("[data-testid='run-lane-2']");
        Assert.Equal(("1", "1"), (lane2.GetAttribute("data-skipped"), lane2.GetAttribute("data-waiting")));
        Assert.Equal("1 skipped", cut.Find("[data-testid='run-lane-2'] .run-lane-skipped").TextContent.Trim());
        var skipped = cut.Find("[data-testid='run-lane-2'] [data-vm='prod-auth-017']");
        Assert.Equal("skipped", skipped.GetAttribute("data-state"));
        Assert.Equal("skipped", skipped.QuerySelector(".run-lane-vm-skip")!.TextContent.Trim());
        Assert.Equal("waiting", cut.Find("[data-testid='run-lane-2'] [data-vm='prod-mq-016']").GetAttribute("data-state"));
        Assert.Empty(cut.FindAll("[data-testid='run-lane-1'] .run-lane-skipped"));
        Assert.Contains("1 of 3 VMs up", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RunWithoutPlan_ShowsNoLanes()
    {
        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        Assert.Empty(cut.FindAll("[data-testid='run-lanes']"));
        Assert.Empty(cut.FindAll(".run-plan"));
    }

    /// <summary>A plan run: group 1 holds prod-db-002 and prod-db-008, group 2 two VMs waiting; prod-batch ran not and is not started.</summary>
    private static RunDetails PlanRun(RunStatus status, string? prompt, bool dbUp)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        var run = new RecoveryRun
        {
            Id = RunId, Kind = RunKind.Test, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery", Plan = "core-services",
            Status = status, RequestedBy = "tester", CreatedAt = start, StartedAt = start, Prompt = prompt,
        };
        VmOutcome[] vms =
        [
            new() { RunId = RunId, VmId = "1", VmName = "prod-db-002", WasRunning = true, Wave = 1, Registered = true, Started = true, Up = dbUp },
            new() { RunId = RunId, VmId = "2", VmName = "prod-db-008", WasRunning = true, Wave = 1, Registered = true, Failed = dbUp, Reason = dbUp ? "No host with enough memory" : null },
            new() { RunId = RunId, VmId = "3", VmName = "prod-auth-017", WasRunning = true, Wave = 2, Registered = true },
            new() { RunId = RunId, VmId = "4", VmName = "prod-mq-016", WasRunning = true, Wave = 2 },
            new() { RunId = RunId, VmId = "5", VmName = "prod-batch-023", WasRunning = false, Registered = true },
        ];
        return new RunDetails(run, [], vms, []);
    }

    private static RunDetails Details(RunStatus status, string? prompt, bool up)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        var run = new RecoveryRun
        {
            Id = RunId, Kind = RunKind.Failover, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            Status = status, RequestedBy = "tester", CreatedAt = start, StartedAt = start, Prompt = prompt,
        };
        RunStep[] steps =
        [
            new() { RunId = RunId, Index = 0, Name = "preflight", Title = "Preflight", Status = StepStatus.Succeeded, StartedAt = start, FinishedAt = start.AddSeconds(2) },
            new() { RunId = RunId, Index = 1, Name = "switch-storage", Title = "Storage", Status = up ? StepStatus.Succeeded : StepStatus.Running, StartedAt = start.AddSeconds(2) },
        ];
        VmOutcome[] vms = [new() { RunId = RunId, VmId = "vm1", VmName = "prod-web-001", WasRunning = true, Registered = up, Up = up }];
        return new RunDetails(run, steps, vms, [new RunLogEntry(RunId, 1, start, RunLogLevel.Info, "Started")]);
    }
}
