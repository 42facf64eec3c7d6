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
        Assert.NotEmpty(cut.FindAll(".run-cancel"));
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
        Assert.NotEmpty(cut.Find(".run-eta").TextContent);
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
        return new RunDetails(run, steps, vms, [new RunLogEntry(RunId, 1, start, "info", "Started")]);
    }
}
