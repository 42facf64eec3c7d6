using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;
using RhvDr.Tests.Components;

namespace RhvDr.Tests.Incidents;

public sealed class HaRestartTrackerTests
{
    private static readonly DateTimeOffset Now = SiteSnapshotBuilder.Now;

    [Fact]
    public void Update_SiteLost_CountsRestartedPendingFailedAndManual()
    {
        // Arrange: five VMs ran at the primary site.
        var tracker = new HaRestartTracker();
        var healthy = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
                .Vm("ha-leased", host: "p1", ha: true, haPriority: 100)
                .Vm("ha-restarting", host: "p1", ha: true, haPriority: 50)
                .Vm("ha-unleased", host: "p2", ha: true, haPriority: 1)
                .Vm("ha-failed", host: "p2", ha: true, haPriority: 1)
                .Vm("plain", host: "p1").Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Build());
        tracker.Update(healthy, [], new HashSet<string>(), Now);

        // Act: the site is lost; one VM runs at recovery, one is booting there, the engine failed one.
        var lost = SiteSnapshotBuilder.Snapshot(2,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
                .Vm("ha-unleased", status: "unknown", host: "p2", ha: true, haPriority: 1)
                .Vm("ha-failed", status: "down", host: null, ha: true, haPriority: 1)
                .Vm("plain", status: "unknown", host: "p1").Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery)
                .Vm("ha-leased", host: "r1", ha: true, haPriority: 100)
                .Vm("ha-restarting", status: "powering_up", host: "r2", ha: true, haPriority: 50).Build());
        var status = tracker.Update(Rekey(lost), ["primary"], new HashSet<string> { "vm-primary-ha-failed" }, Now.AddMinutes(2));

        // Assert
        Assert.True(status.Active);
        Assert.Equal((1, 2, 1, 1), (status.Restarted, status.Pending, status.Failed, status.ManualAction));
        Assert.Equal(HaRestartState.Restarted, status.Vms.Single(v => v.Name == "ha-leased").State);
        Assert.Equal("recovery", status.Vms.Single(v => v.Name == "ha-leased").CurrentSite);
        Assert.Equal(Now.AddMinutes(2), status.Since);
    }

    [Fact]
    public void Update_SiteBack_EndsTheEpisode()
    {
        var tracker = new HaRestartTracker();
        var snapshot = SiteSnapshotBuilder.Snapshot(1, SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vm("a", host: "p1", ha: true).Build());
        tracker.Update(snapshot, [], new HashSet<string>(), Now);
        Assert.True(tracker.Update(snapshot, ["primary"], new HashSet<string>(), Now).Active);

        var status = tracker.Update(snapshot, [], new HashSet<string>(), Now);

        Assert.False(status.Active);
        Assert.Empty(status.Vms);
    }

    [Fact]
    public void Update_RestartSeenBeforeTheLostSitesSnapshot_StillCountsTheVmAsRestarted()
    {
        // Arrange: the VM ran at the primary site.
        var tracker = new HaRestartTracker();
        var healthy = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vm("ha-leased", host: "p1", ha: true, haPriority: 100).Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Build());
        tracker.Update(Rekey(healthy), [], new HashSet<string>(), Now);

        // Act: the recovery site's poll lands first and shows the engine's restart there, while the primary's snapshot is
        // still the healthy one; then the primary's poll shows the site lost.
        var recoveryFirst = SiteSnapshotBuilder.Snapshot(2,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vm("ha-leased", host: "p1", ha: true, haPriority: 100).Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Vm("ha-leased", host: "r1", ha: true, haPriority: 100).Build());
        tracker.Update(Rekey(recoveryFirst), [], new HashSet<string>(), Now.AddSeconds(1));
        var lost = SiteSnapshotBuilder.Snapshot(3,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Vm("ha-leased", host: "r1", ha: true, haPriority: 100).Build());
        var status = tracker.Update(Rekey(lost), ["primary"], new HashSet<string>(), Now.AddSeconds(2));

        // Assert
        Assert.Equal(1, status.Restarted);
        Assert.Equal("recovery", status.Vms.Single().CurrentSite);
    }

    // The builder prefixes VM ids with the site; a VM that moved keeps its id, as it does in a stretch cluster.
    private static InventorySnapshot Rekey(InventorySnapshot snapshot) =>
        snapshot with
        {
            Sites = snapshot.Sites.Select(s => s with
            {
                Inventory = s.Inventory with { Vms = s.Inventory.Vms.Select(v => v with { Id = $"vm-primary-{v.Name}" }).ToList() },
            }).ToList(),
        };
}
