using RhvDr.Console.Model;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

public class GridViewModelTests
{
    [Fact]
    public void HostApply_SortByHealthDescending_ProblemsFirst()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1, SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("host1").Host("host2", "maintenance").Host("host3", "non_responsive").Build());

        var rows = new HostGridViewModel().Apply(snapshot, GridFilter.None, new GridSort<HostColumn>(HostColumn.Health, Descending: true));

        Assert.Equal(["host3", "host2", "host1"], rows.Select(r => r.Name));
    }

    [Fact]
    public void HostApply_SearchByCluster_Matches()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1, SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("host1", cluster: "cluster_prod").Host("host2", cluster: "cluster_test").Build());

        var rows = new HostGridViewModel().Apply(snapshot, new GridFilter(Search: "TEST"), new GridSort<HostColumn>(HostColumn.Name));

        Assert.Equal("host2", Assert.Single(rows).Name);
    }

    [Fact]
    public void StorageApply_DomainWithPair_CarriesReplicationOnBothSites()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Domain("data_master").Domain("data_scratch").Replication("data_master", lagSeconds: 30).Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Domain("data_master", "unattached").Build());

        var rows = new StorageGridViewModel().Apply(snapshot, GridFilter.None, new GridSort<StorageColumn>(StorageColumn.Name));

        Assert.Equal(["primary:pair-data_master", "recovery:pair-data_master"],
            rows.Where(r => r.Name == "data_master").Select(r => $"{r.Site}:{r.Replication?.Id}").Order());
        Assert.Null(rows.Single(r => r.Name == "data_scratch").Replication);
    }

    [Fact]
    public void StorageApply_SortByUsed_FullestLast()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1, SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Domain("full", usedGiB: 990, freeGiB: 10).Domain("empty", usedGiB: 1, freeGiB: 999).Build());

        var rows = new StorageGridViewModel().Apply(snapshot, GridFilter.None, new GridSort<StorageColumn>(StorageColumn.Used));

        Assert.Equal(["empty", "full"], rows.Select(r => r.Name));
        Assert.Equal(HealthLevel.Critical, rows[^1].Health);
    }

    [Fact]
    public void ReplicationPairs_ReportedByBothSites_ListedOnceWorstFirst()
    {
        var primary = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Replication("data_a").Replication("data_b", "broken").Build();
        var recovery = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Replication("data_a").Build();

        var pairs = ReplicationViewModel.Pairs(SiteSnapshotBuilder.Snapshot(1, primary, recovery));

        Assert.Equal(["data_b", "data_a"], pairs.Select(p => p.DomainName));
    }

    [Theory]
    [InlineData(0.2, "in sync")]
    [InlineData(42, "42 s behind")]
    [InlineData(300, "5 min behind")]
    public void DescribeLag_Replicating_SaysHowFarBehind(double lag, string expected)
    {
        var pair = new ReplicationPairStatus("p", "d", "primary", "recovery", "async", "replicating", 60, lag, null);

        Assert.Equal(expected, ReplicationViewModel.DescribeLag(pair));
    }

    [Theory]
    [InlineData(EngineConnectionStatus.Unknown, "Waiting for first poll")]
    [InlineData(EngineConnectionStatus.Connected, "Connected")]
    [InlineData(EngineConnectionStatus.Unreachable, "Unreachable")]
    [InlineData(EngineConnectionStatus.AuthenticationFailed, "Authentication failed")]
    [InlineData(EngineConnectionStatus.Faulted, "Engine fault")]
    public void EngineStatusText_EachStatus_OneFixedPhrase(EngineConnectionStatus status, string expected) =>
        Assert.Equal(expected, EngineStatusText.For(status));

    [Fact]
    public void SiteCard_UnreachableEngine_IsStaleWithAge()
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Engine(EngineConnectionStatus.Unreachable, "timeout", SiteSnapshotBuilder.Now.AddMinutes(-3)).Build();

        var card = SiteCardViewModel.From(site, SiteSnapshotBuilder.Now, TimeSpan.FromSeconds(5));

        Assert.True(card.IsStale);
        Assert.Equal("last data 3 min ago", card.LastData);
        Assert.Equal("timeout", card.EngineMessage);
    }

    [Fact]
    public void SiteCard_ConnectedRecently_NotStaleAndNoMessage()
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Build();

        var card = SiteCardViewModel.From(site, SiteSnapshotBuilder.Now.AddSeconds(30), TimeSpan.FromMinutes(1));

        Assert.False(card.IsStale);
        Assert.Null(card.EngineMessage);
        Assert.Equal("last data 30 s ago", card.LastData);
    }

    [Fact]
    public void SiteCardForAll_RecoveryListedFirst_PrimaryComesFirst()
    {
        var snapshot = SiteSnapshotBuilder.Snapshot(1,
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Build(),
            SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Build());

        var cards = SiteCardViewModel.ForAll(snapshot, SiteSnapshotBuilder.Now, TimeSpan.FromSeconds(5));

        Assert.Equal(["primary", "recovery"], cards.Select(c => c.Site.Name));
    }

    [Fact]
    public void SparklinePoints_ScalesIntoBox()
    {
        Assert.Equal("0,10 50,5 100,0", Sparkline.Points([0, 0.5, 1], 1, 100, 10));
        Assert.Equal(string.Empty, Sparkline.Points([], 1, 100, 10));
    }

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(5L << 40, "5 TiB")]
    public void Bytes_BinaryUnits(long bytes, string expected) => Assert.Equal(expected, DisplayFormat.Bytes(bytes));
}
