using RhvDr.Core.Configuration;
using RhvDr.Core.Incidents;
using RhvDr.Core.Readiness;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;
using RhvDr.Core.State;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.State;

public sealed class DrStateRulesTests
{
    private static readonly DateTimeOffset Now = SiteSnapshotBuilder.Now;

    private static InventorySnapshot Sites(bool primaryReachable = true, bool recoveryReachable = true, string primaryHosts = "up") =>
        SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Engine(primaryReachable ? EngineConnectionStatus.Connected : EngineConnectionStatus.Unreachable).Host("p1", primaryHosts).Host("p2", primaryHosts).Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Engine(recoveryReachable ? EngineConnectionStatus.Connected : EngineConnectionStatus.Unreachable).Host("r1").Build());

    private static IncidentBoard Board(params Incident[] incidents) => IncidentBoard.Empty with { Incidents = incidents };

    private static Incident Open(IncidentKind kind, string site, string title, HealthLevel severity = HealthLevel.Critical) =>
        new(1, $"{kind}:{site}", kind, severity, site, title, "detail", Now.AddMinutes(-5), null, null, []);

    private static RecoveryRun Run(RunKind kind, RunStatus status, int minutesAgo, RunMode mode = RunMode.Planned)
    {
        var (source, target) = kind is RunKind.Failback ? ("recovery", "primary") : ("primary", "recovery");
        return new RecoveryRun
        {
            Id = $"run-{kind}-{minutesAgo}".ToLowerInvariant(),
            Kind = kind,
            Mode = mode,
            SourceSite = source,
            TargetSite = target,
            Status = status,
            RequestedBy = "noc-ann",
            CreatedAt = Now.AddMinutes(-minutesAgo),
            FinishedAt = status is RunStatus.Succeeded or RunStatus.Failed ? Now.AddMinutes(-minutesAgo + 1) : null,
        };
    }

    private static DrState Compute(InventorySnapshot sites, IncidentBoard? board = null, DrTopology topology = DrTopology.ActivePassive, params RecoveryRun[] runs) =>
        DrStateRules.Compute(sites, board ?? IncidentBoard.Empty, runs, topology);

    [Fact]
    public void Compute_BothSitesHealthyNothingOpen_NormalWithNoAction()
    {
        var state = Compute(Sites());

        Assert.Equal(DrStateKind.Normal, state.Kind);
        Assert.Null(state.Next);
        Assert.Equal("primary", state.ProductionSite);
    }

    [Fact]
    public void Compute_NoSitePolledYet_SaysStartingNotNormal()
    {
        var state = DrStateRules.Compute(SiteSnapshotBuilder.NewStore().Current, IncidentBoard.Empty, [], DrTopology.ActivePassive);

        Assert.Equal("Starting", state.Headline);
        Assert.Null(state.ProductionSite);
    }

    [Fact]
    public void Compute_PrimaryEngineUnreachable_SiteLostWithDisasterFailover()
    {
        var state = Compute(Sites(primaryReachable: false), Board(Open(IncidentKind.EngineUnreachable, "primary", "Site Prod (Brno) is unreachable")));

        Assert.Equal(DrStateKind.SiteLost, state.Kind);
        Assert.Equal("Site Prod (Brno) lost", state.Headline);
        Assert.Equal(new SuggestedRun("failover", "disaster", "primary"), state.Next?.Run);
        Assert.Equal("Start disaster failover", state.Next?.Label);
        Assert.True(state.Next?.NeedsOperator);
    }

    [Fact]
    public void Compute_BothEnginesUnreachable_DegradedPointingAtTheConsolesNetworkNotAFailover()
    {
        var state = Compute(Sites(primaryReachable: false, recoveryReachable: false), Board(
            Open(IncidentKind.EngineUnreachable, "primary", "Site Prod (Brno) is unreachable"),
            Open(IncidentKind.EngineUnreachable, "recovery", "Site DR (Ostrava) is unreachable")));

        Assert.Equal(DrStateKind.Degraded, state.Kind);
        Assert.Equal("Neither engine answers", state.Headline);
        Assert.StartsWith("The console reaches neither Prod (Brno) nor DR (Ostrava). Check the console's own network", state.Detail, StringComparison.Ordinal);
        Assert.Null(state.Next?.Run);
        Assert.Equal("/incidents", state.Next?.Page);
    }

    [Fact]
    public void Compute_RecoveryEngineUnreachable_DegradedBecauseProductionIsFine()
    {
        var state = Compute(Sites(recoveryReachable: false), Board(Open(IncidentKind.EngineUnreachable, "recovery", "Site DR (Ostrava) is unreachable")));

        Assert.Equal(DrStateKind.Degraded, state.Kind);
        Assert.Contains("no failover is possible", state.Detail, StringComparison.Ordinal);
        Assert.Equal("/incidents", state.Next?.Page);
        Assert.False(state.Next?.NeedsOperator);
    }

    [Fact]
    public void Compute_VmsStillDownAfterOutage_DegradedPointingAtTheList()
    {
        var state = Compute(Sites(), Board(Open(IncidentKind.VmsStillDown, "primary", "VMs that ran before the outage are still down: 65 at Prod (Brno)")));

        Assert.Equal(DrStateKind.Degraded, state.Kind);
        Assert.Equal("Degraded: VMs still down after the outage", state.Headline);
        Assert.StartsWith("VMs that ran before the outage are still down: 65", state.Detail, StringComparison.Ordinal);
        Assert.Equal("See the VMs still down", state.Next?.Label);
    }

    [Fact]
    public void Compute_FailoverRunning_FailoverRunningWithTheRunPage()
    {
        var run = Run(RunKind.Failover, RunStatus.Running, 2, RunMode.Disaster);

        var state = Compute(Sites(primaryReachable: false), Board(Open(IncidentKind.EngineUnreachable, "primary", "Site Prod is unreachable")), runs: run);

        Assert.Equal(DrStateKind.FailoverRunning, state.Kind);
        Assert.Equal("Disaster failover running", state.Headline);
        Assert.Equal($"/runs/{run.Id}", state.Next?.Page);
        Assert.Equal(run.Id, state.RunId);
    }

    [Fact]
    public void Compute_FailbackWaitingForOperator_FailbackRunningSaysWhatItWaitsFor()
    {
        var failover = Run(RunKind.Failover, RunStatus.Succeeded, 120);
        var failback = Run(RunKind.Failback, RunStatus.Waiting, 3) with { Prompt = "Reverse replication on the array." };

        var state = Compute(Sites(), runs: [failback, failover]);

        Assert.Equal(DrStateKind.FailbackRunning, state.Kind);
        Assert.Contains("Reverse replication on the array.", state.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_TestSucceededNotCleanedUp_TestActiveWithCleanup()
    {
        var state = Compute(Sites(), runs: Run(RunKind.Test, RunStatus.Succeeded, 30));

        Assert.Equal(DrStateKind.TestActive, state.Kind);
        Assert.Equal(new SuggestedRun("cleanup", "planned", "primary"), state.Next?.Run);
        Assert.Equal("Clean up the test", state.Next?.Label);
    }

    [Fact]
    public void Compute_TestCleanedUp_Normal()
    {
        var state = Compute(Sites(), runs: [Run(RunKind.Cleanup, RunStatus.Succeeded, 10), Run(RunKind.Test, RunStatus.Succeeded, 30)]);

        Assert.Equal(DrStateKind.Normal, state.Kind);
    }

    [Fact]
    public void Compute_FailoverSucceeded_RunningAtRecoveryWithFailBack()
    {
        var failover = Run(RunKind.Failover, RunStatus.Succeeded, 60);

        var state = Compute(Sites(), runs: failover);

        Assert.Equal(DrStateKind.RunningAtRecovery, state.Kind);
        Assert.Equal("Production runs at DR (Ostrava)", state.Headline);
        Assert.Contains("Fail back to Prod (Brno) when it is ready", state.Detail, StringComparison.Ordinal);
        Assert.Equal(new SuggestedRun("failback", "planned", "recovery"), state.Next?.Run);
        Assert.Equal("recovery", state.ProductionSite);
    }

    [Fact]
    public void Compute_FailoverThenFailback_NormalAtPrimary()
    {
        var state = Compute(Sites(), runs: [Run(RunKind.Failback, RunStatus.Succeeded, 10), Run(RunKind.Failover, RunStatus.Succeeded, 60)]);

        Assert.Equal(DrStateKind.Normal, state.Kind);
        Assert.Equal("primary", state.ProductionSite);
    }

    [Fact]
    public void Compute_OnePlanFailedOver_SaysThatPlanRunsAtRecoveryAndTheRestAtPrimary()
    {
        var failover = Run(RunKind.Failover, RunStatus.Succeeded, 60) with { Plan = "core-services" };
        var sites = Sites();

        var state = Compute(sites, runs: failover);

        Assert.Equal(DrStateKind.RunningAtRecovery, state.Kind);
        Assert.Equal("core-services at DR (Ostrava); the rest at Prod (Brno)", state.Headline);
        Assert.Contains("Only plan 'core-services' runs away from Prod (Brno)", state.Detail, StringComparison.Ordinal);
        Assert.Contains("every other plan and VM runs at Prod (Brno)", state.Detail, StringComparison.Ordinal);
        Assert.Equal(new SuggestedRun("failback", "planned", "recovery"), state.Next?.Run);
        Assert.Equal([new DrPlanPlacement("core-services", "recovery", failover.Id, failover.FinishedAt!.Value)], state.Plans);
        Assert.StartsWith("Plan core-services runs at DR (Ostrava) after a failover of its own; the rest of production runs at Prod (Brno).",
            FailbackReadiness.For(state, sites)!.Question, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_TwoPlansFailedOverOneFailedBack_OnlyTheOtherIsAway()
    {
        var state = Compute(Sites(), runs:
        [
            Run(RunKind.Failback, RunStatus.Succeeded, 10) with { Plan = "core-services" },
            Run(RunKind.Failover, RunStatus.Succeeded, 40) with { Plan = "applications", Id = "run-apps" },
            Run(RunKind.Failover, RunStatus.Succeeded, 60) with { Plan = "core-services" },
        ]);

        Assert.Equal("applications at DR (Ostrava); the rest at Prod (Brno)", state.Headline);
        Assert.Equal(["applications"], state.Plans!.Select(p => p.Plan));
    }

    [Fact]
    public void Compute_PlanFailedBack_NormalWithNoPlanAway()
    {
        var state = Compute(Sites(), runs:
        [
            Run(RunKind.Failback, RunStatus.Succeeded, 10) with { Plan = "core-services" },
            Run(RunKind.Failover, RunStatus.Succeeded, 60) with { Plan = "core-services" },
        ]);

        Assert.Equal(DrStateKind.Normal, state.Kind);
        Assert.Equal("primary", state.ProductionSite);
        Assert.Empty(state.Plans ?? []);
    }

    [Fact]
    public void Compute_PlanAllFailedOver_TheWholeEstateAsBefore()
    {
        var state = Compute(Sites(), runs: Run(RunKind.Failover, RunStatus.Succeeded, 60) with { Plan = "all" });

        Assert.Equal("Production runs at DR (Ostrava)", state.Headline);
        Assert.Empty(state.Plans ?? []);
    }

    [Fact]
    public void Compute_PlanAwayAndRecoveryLost_SiteLostWithDisasterFailback()
    {
        var state = Compute(Sites(recoveryReachable: false), Board(Open(IncidentKind.EngineUnreachable, "recovery", "Site DR is unreachable")),
            runs: Run(RunKind.Failover, RunStatus.Succeeded, 60) with { Plan = "core-services" });

        Assert.Equal(DrStateKind.SiteLost, state.Kind);
        Assert.Equal(new SuggestedRun("failback", "disaster", "recovery"), state.Next?.Run);
    }

    [Fact]
    public void Compute_RunningAtRecoveryAndPrimaryLost_StaysRunningAtRecovery()
    {
        // The primary being down is no emergency while production runs at Recovery on purpose.
        var state = Compute(Sites(primaryReachable: false), Board(Open(IncidentKind.EngineUnreachable, "primary", "Site Prod is unreachable")), runs: Run(RunKind.Failover, RunStatus.Succeeded, 60));

        Assert.Equal(DrStateKind.RunningAtRecovery, state.Kind);
        Assert.Contains("1 incident open", state.Detail, StringComparison.Ordinal);
        Assert.Equal("recovery", state.ProductionSite);
    }

    [Fact]
    public void Compute_RunningAtRecoveryAndRecoveryLost_SiteLostWithDisasterFailback()
    {
        var state = Compute(Sites(recoveryReachable: false), Board(Open(IncidentKind.EngineUnreachable, "recovery", "Site DR is unreachable")), runs: Run(RunKind.Failover, RunStatus.Succeeded, 60));

        Assert.Equal(DrStateKind.SiteLost, state.Kind);
        Assert.Equal(new SuggestedRun("failback", "disaster", "recovery"), state.Next?.Run);
    }

    [Fact]
    public void Compute_LastFailoverFailed_DegradedOpeningTheRun()
    {
        var failed = Run(RunKind.Failover, RunStatus.Failed, 15) with { Error = "storage import failed" };

        var state = Compute(Sites(), runs: failed);

        Assert.Equal(DrStateKind.Degraded, state.Kind);
        Assert.Contains("storage import failed", state.Detail, StringComparison.Ordinal);
        Assert.Equal($"/runs/{failed.Id}", state.Next?.Page);
    }

    [Fact]
    public void Compute_ActiveActiveSiteDown_SiteLostPointingAtTheHaTracker()
    {
        var state = Compute(Sites(primaryHosts: "non_responsive"), Board(Open(IncidentKind.SiteDown, "primary", "Site Prod is down")), DrTopology.ActiveActive);

        Assert.Equal(DrStateKind.SiteLost, state.Kind);
        Assert.Null(state.Next?.Run);
        Assert.Equal("/incidents", state.Next?.Page);
    }

    [Fact]
    public void Compute_ActiveActiveRecoverySiteDown_AlsoSiteLost()
    {
        var state = Compute(Sites(), Board(Open(IncidentKind.SiteDown, "recovery", "Site DR is down")), DrTopology.ActiveActive);

        Assert.Equal(DrStateKind.SiteLost, state.Kind);
        Assert.Equal("Site DR (Ostrava) lost", state.Headline);
    }

    [Fact]
    public void FailbackReadiness_RunningAtRecoveryBothSitesUp_Go()
    {
        var sites = Sites();
        var state = Compute(sites, runs: Run(RunKind.Failover, RunStatus.Succeeded, 60));

        var answer = FailbackReadiness.For(state, sites);

        Assert.Equal(ReadinessVerdict.Go, answer?.Verdict);
        Assert.Empty(answer!.Blocking);
        Assert.Contains("Could we fail back to Prod (Brno) now?", answer.Question, StringComparison.Ordinal);
    }

    [Fact]
    public void FailbackReadiness_PrimaryStillUnreachable_NoGoSayingWhy()
    {
        var sites = Sites(primaryReachable: false);
        var state = Compute(sites, runs: Run(RunKind.Failover, RunStatus.Succeeded, 60));

        var answer = FailbackReadiness.For(state, sites);

        Assert.Equal(ReadinessVerdict.NoGo, answer?.Verdict);
        Assert.Contains(answer!.Blocking, b => b.StartsWith("The engine of Prod (Brno) does not answer", StringComparison.Ordinal));
    }

    [Fact]
    public void FailbackReadiness_ProductionAtPrimary_NoFailbackQuestion()
    {
        var sites = Sites();

        Assert.Null(FailbackReadiness.For(Compute(sites), sites));
    }
}
