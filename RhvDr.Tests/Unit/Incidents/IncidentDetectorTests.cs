using RhvDr.Core.Configuration;
using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.Incidents;

public sealed class IncidentDetectorTests
{
    [Fact]
    public void Detect_HealthySites_NoConditions()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("p1").Host("p2").Domain("d1").Vm("a", host: "p1").Replication("d1").Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Host("r1").Build());

        Assert.Empty(IncidentDetector.Detect(snapshot, DrTopology.ActivePassive));
    }

    [Fact]
    public void Detect_ProblemsOfEveryKind_OneConditionEach()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Engine(EngineConnectionStatus.Unreachable, "Engine engine1 is unreachable").Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery)
                .Host("r1", "non_responsive").Host("r2").Host("r3")
                .Domain("d1", "inactive")
                .Vm("stuck", "not_responding", host: "r2", ha: true)
                .Replication("d2", state: "broken")
                .Replication("d3", lagSeconds: 500, intervalSeconds: 60)
                .Build());

        var kinds = IncidentDetector.Detect(snapshot, DrTopology.ActivePassive).Select(c => c.Kind).Order().ToList();

        Assert.Equal([IncidentKind.EngineUnreachable, IncidentKind.HostNonResponsive, IncidentKind.StorageDomainInactive,
            IncidentKind.ReplicationBroken, IncidentKind.ReplicationLagging, IncidentKind.VmsDown], kinds);
    }

    [Fact]
    public void Detect_MostHostsOfASiteLost_OneSiteDownNotOnePerHost()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("p1", "non_responsive").Host("p2", "non_responsive").Host("p3").Build());

        var condition = Assert.Single(IncidentDetector.Detect(snapshot, DrTopology.ActiveActive));

        Assert.Equal(IncidentKind.SiteDown, condition.Kind);
        Assert.Equal("site-down:primary", condition.Key);
    }
}
