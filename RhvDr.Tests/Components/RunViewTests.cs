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
