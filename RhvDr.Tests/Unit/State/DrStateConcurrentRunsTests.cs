using RhvDr.Core.Configuration;
using RhvDr.Core.Incidents;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;
using RhvDr.Core.State;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.State;

/// <summary>The DR state while runs of recovery plans with disjoint domains run at once, and while their tests are left.</summary>
public sealed class DrStateConcurrentRunsTests
{
    private static readonly DateTimeOffset Now = SiteSnapshotBuilder.Now;

    private static InventorySnapshot Sites() =>
        SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Engine(EngineConnectionStatus.Connected).Host("p1").Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Engine(EngineConnectionStatus.Connected).Host("r1").Build());

    private static RecoveryRun Run(string id, RunKind kind, string? plan, RunStatus status, int minutesAgo) => new()
    {
        Id = id,
        Kind = kind,
        Mode = RunMode.Planned,
        SourceSite = "primary",
        TargetSite = "recovery",
        Plan = plan,
        Status = status,
        RequestedBy = "noc-ann",
        CreatedAt = Now.AddMinutes(-minutesAgo),
        FinishedAt = status is RunStatus.Succeeded or RunStatus.Failed ? Now.AddMinutes(-minutesAgo + 1) : null,
    };

    private static DrState Compute(params RecoveryRun[] newestFirst) =>
        DrStateRules.Compute(Sites(), IncidentBoard.Empty, newestFirst, DrTopology.ActivePassive);

    [Fact]
    public void Compute_TwoPlanRunsUnderWay_ListsBothNewestFirstAndNamesEachInTheDetail()
    {
        var state = Compute(
            Run("r-db", RunKind.Test, "db", RunStatus.Waiting, 1) with { Prompt = "Confirm the database copy" },
            Run("r-apps", RunKind.Failover, "apps", RunStatus.Running, 2));

        Assert.Equal(DrStateKind.FailoverRunning, state.Kind);
        Assert.Equal("2 runs under way: test failover of 'db', planned failover of 'apps' (1 waiting)", state.Headline);
        Assert.Contains("Test failover r-db of plan 'db' from ", state.Detail, StringComparison.Ordinal);
        Assert.Contains("It waits for an operator: Confirm the database copy", state.Detail, StringComparison.Ordinal);
        Assert.Contains("Planned failover r-apps of plan 'apps' from ", state.Detail, StringComparison.Ordinal);
        Assert.Equal("r-db", state.RunId);
        Assert.Equal(["r-db", "r-apps"], state.ActiveRuns!.Select(r => r.RunId));
        Assert.Equal(("apps", RunKind.Failover, RunStatus.Running), (state.ActiveRuns![1].Plan, state.ActiveRuns[1].Kind, state.ActiveRuns[1].Status));
        Assert.Equal(new DrNextAction("Open the runs", Page: "/runs"), state.Next);
    }

    [Fact]
    public void Compute_OneRunUnderWay_ListsItAloneWithTheRunPage()
    {
        var state = Compute(Run("r-apps", RunKind.Test, "apps", RunStatus.Running, 1));

        Assert.Equal("Test failover running", state.Headline);
        Assert.Equal("r-apps", Assert.Single(state.ActiveRuns!).RunId);
        Assert.Equal("/runs/r-apps", state.Next?.Page);
    }

    [Fact]
    public void Compute_TestsOfTwoPlansLeft_AsksToCleanUpEach()
    {
        var state = Compute(
            Run("r-db", RunKind.Test, "db", RunStatus.Succeeded, 1),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 2));

        Assert.Equal(DrStateKind.TestActive, state.Kind);
        Assert.Equal("Test failovers of 2 plans active: clean them up", state.Headline);
        Assert.Contains("plan 'db' by r-db", state.Detail, StringComparison.Ordinal);
        Assert.Contains("plan 'apps' by r-apps", state.Detail, StringComparison.Ordinal);
        Assert.Null(state.ActiveRuns);
    }

    [Fact]
    public void Compute_OnePlanCleanedUpTheOtherLeft_StillSaysTheOtherTestIsActive()
    {
        var state = Compute(
            Run("c-db", RunKind.Cleanup, "db", RunStatus.Succeeded, 1),
            Run("r-db", RunKind.Test, "db", RunStatus.Succeeded, 2),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 3));

        Assert.Equal(DrStateKind.TestActive, state.Kind);
        Assert.Equal("r-apps", state.RunId);
        Assert.StartsWith("The test failover r-apps of plan 'apps' left copies", state.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BothPlansCleanedUp_Normal()
    {
        var state = Compute(
            Run("c-apps", RunKind.Cleanup, "apps", RunStatus.Succeeded, 1),
            Run("c-db", RunKind.Cleanup, "db", RunStatus.Succeeded, 2),
            Run("r-db", RunKind.Test, "db", RunStatus.Succeeded, 3),
            Run("r-apps", RunKind.Test, "apps", RunStatus.Succeeded, 4));

        Assert.Equal(DrStateKind.Normal, state.Kind);
    }
}
