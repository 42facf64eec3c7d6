using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Components.Pages;
using RhvDr.Console.Model;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

/// <summary>The target side's steps run side by side (a domain's VMs start while the next domains attach): the run page says so.</summary>
public class RunOverlappingStepsTests : ConsoleTestContext
{
    private const string RunId = "20260101-000000-overlap";
    private static readonly DateTimeOffset Now = SiteSnapshotBuilder.Now;
    private readonly FakeRecoveryRunner _runner;

    public RunOverlappingStepsTests()
    {
        _runner = new FakeRecoveryRunner(Details(DateTimeOffset.UtcNow));
        Services.AddSingleton<IRecoveryRunner>(_runner);
        Services.AddSingleton<IRunNotifier>(new RunNotifier(TimeProvider.System));
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void From_ThreeStepsRunning_MarksEachParallelAndCountsTheLongestRemainderOnce()
    {
        var model = RunViewModel.From(Details(Now), Now);

        Assert.Equal(["activate-domains", "register-vms", "start-vms"], model.Steps.Where(s => s.Parallel).Select(s => s.Name));
        Assert.False(model.Steps.Single(s => s.Name == "import-domains").Parallel);

        // The import took its expected 60 s, so the estimates hold. Attach: 500 s expected, 100 s in → 400 s left; registration 60 − 30 → 30 s; starts 120 − 10 → 110 s; the report 1 s pending.
        Assert.Equal(TimeSpan.FromSeconds(401), model.Remaining);
    }

    [Fact]
    public void From_OneStepRunning_NotMarkedParallel()
    {
        var details = Details(Now);
        details = details with { Steps = [.. details.Steps.Select(s => s.Name is "register-vms" or "start-vms" ? s with { Status = StepStatus.Pending, StartedAt = null } : s)] };

        var model = RunViewModel.From(details, Now);

        Assert.DoesNotContain(model.Steps, s => s.Parallel);
    }

    [Fact]
    public void Render_StepsRunningSideBySide_EachRowShowsRunningInParallel()
    {
        RenderProviders();

        var cut = Render<RunView>(p => p.Add(v => v.Id, RunId));

        var running = cut.FindAll(".run-step-running");
        Assert.Equal(3, running.Count);
        Assert.All(running, row => Assert.Contains("in parallel", row.TextContent, StringComparison.Ordinal));
        Assert.Equal(3, cut.FindAll(".run-step-parallel-flag").Count);
        Assert.DoesNotContain("in parallel", cut.Find("[data-step='import-domains']").TextContent, StringComparison.Ordinal);
    }

    private static RunDetails Details(DateTimeOffset now)
    {
        var start = now.AddMinutes(-10);
        var run = new RecoveryRun
        {
            Id = RunId, Kind = RunKind.Failover, Mode = RunMode.Disaster, SourceSite = "primary", TargetSite = "recovery",
            Status = RunStatus.Running, RequestedBy = "tester", CreatedAt = start, StartedAt = start,
        };
        RunStep[] steps =
        [
            Step(0, "import-domains", StepStatus.Succeeded, now.AddSeconds(-150), now.AddSeconds(-90), 60),
            Step(1, "activate-domains", StepStatus.Running, now.AddSeconds(-100), null, 500),
            Step(2, "register-vms", StepStatus.Running, now.AddSeconds(-30), null, 60),
            Step(3, "start-vms", StepStatus.Running, now.AddSeconds(-10), null, 120),
            Step(4, "report", StepStatus.Pending, null, null, 1),
        ];
        return new RunDetails(run, steps, [], []);
    }

    private static RunStep Step(int index, string name, StepStatus status, DateTimeOffset? started, DateTimeOffset? finished, double expected) => new()
    {
        RunId = RunId, Index = index, Name = name, Title = name, Status = status, StartedAt = started, FinishedAt = finished, ExpectedSeconds = expected,
    };
}
