using RhvDr.Console.Model;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

public class VmGridViewModelTests
{
    private static readonly GridSort<VmColumn> ByName = new(VmColumn.Name);

    private static InventorySnapshot Estate(long version = 1) => SiteSnapshotBuilder.Snapshot(version,
        SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Vm("web01", host: "host1", memoryGiB: 8)
            .Vm("db01", "paused", host: "host2", ha: true, haPriority: 90, memoryGiB: 32, domains: "data_iscsi")
            .Vm("batch01", "down", host: null, memoryGiB: 2)
            .Build(),
        SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery)
            .Vm("web01", "up", host: "dr-host1", memoryGiB: 8)
            .Build());

    [Fact]
    public void Apply_NoFilter_ReturnsEveryVmOfBothSites()
    {
        var rows = new VmGridViewModel().Apply(Estate(), GridFilter.None, ByName);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["primary", "recovery"], rows.Select(r => r.Site).Distinct().Order());
    }

    [Fact]
    public void Apply_SiteFilter_ReturnsOnlyThatSite()
    {
        var rows = new VmGridViewModel().Apply(Estate(), new GridFilter(Site: "recovery"), ByName);

        var row = Assert.Single(rows);
        Assert.Equal("dr-host1", row.HostName);
    }

    [Theory]
    [InlineData("WEB", 2)]
    [InlineData("host2", 1)]
    [InlineData("data_iscsi", 1)]
    [InlineData("  db  ", 1)]
    [InlineData("nothing-like-this", 0)]
    public void Apply_Search_MatchesNameHostAndDomainsCaseInsensitive(string search, int expected)
    {
        var rows = new VmGridViewModel().Apply(Estate(), new GridFilter(Search: search), ByName);

        Assert.Equal(expected, rows.Count);
    }

    [Fact]
    public void Apply_HealthFilter_ReturnsOnlyThatLevel()
    {
        var rows = new VmGridViewModel().Apply(Estate(), new GridFilter(Health: HealthLevel.Critical), ByName);

        Assert.Equal("db01", Assert.Single(rows).Name);
    }

    [Fact]
    public void Apply_StatusFilter_ReturnsOnlyThatStatus()
    {
        var rows = new VmGridViewModel().Apply(Estate(), new GridFilter(Status: "down"), ByName);

        Assert.Equal("batch01", Assert.Single(rows).Name);
    }

    [Fact]
    public void Apply_FiltersCombined_AllMustMatch()
    {
        var rows = new VmGridViewModel().Apply(Estate(), new GridFilter(Site: "primary", Search: "web", Status: "up"), ByName);

        Assert.Equal(("primary", "web01"), (Assert.Single(rows).Site, rows[0].Name));
    }

    [Fact]
    public void Apply_SortByNameAscending_TiesBrokenBySite()
    {
        var rows = new VmGridViewModel().Apply(Estate(), GridFilter.None, ByName);

        Assert.Equal(["batch01/primary", "db01/primary", "web01/primary", "web01/recovery"], rows.Select(r => $"{r.Name}/{r.Site}"));
    }

    [Fact]
    public void Apply_SortByMemoryDescending_LargestFirst()
    {
        var rows = new VmGridViewModel().Apply(Estate(), GridFilter.None, new GridSort<VmColumn>(VmColumn.Memory, Descending: true));

        Assert.Equal("db01", rows[0].Name);
        Assert.Equal("batch01", rows[^1].Name);
    }

    [Fact]
    public void Apply_SortByHaPriority_NonHaVmsLowest()
    {
        var rows = new VmGridViewModel().Apply(Estate(), GridFilter.None, new GridSort<VmColumn>(VmColumn.HaPriority, Descending: true));

        Assert.Equal("db01", rows[0].Name);
    }

    [Fact]
    public void Toggle_SameColumn_FlipsDirection_OtherColumn_StartsAscending()
    {
        var sort = new GridSort<VmColumn>(VmColumn.Name);

        Assert.True(sort.Toggle(VmColumn.Name).Descending);
        Assert.Equal(new GridSort<VmColumn>(VmColumn.Host), sort.Toggle(VmColumn.Name).Toggle(VmColumn.Host));
    }

    [Fact]
    public void Apply_SameVersionAndQuery_ReusesRows()
    {
        var model = new VmGridViewModel();
        var snapshot = Estate(version: 7);

        var first = model.Apply(snapshot, GridFilter.None, ByName);
        var second = model.Apply(snapshot, new GridFilter(), new GridSort<VmColumn>(VmColumn.Name));

        Assert.Same(first, second);
        Assert.Equal(1, model.BuildCount);
    }

    [Fact]
    public void Apply_FilterChangesOnly_FiltersWithoutRebuilding()
    {
        var model = new VmGridViewModel();
        var snapshot = Estate(version: 7);
        model.Apply(snapshot, GridFilter.None, ByName);

        var rows = model.Apply(snapshot, new GridFilter(Search: "db"), ByName);

        Assert.Single(rows);
        Assert.Equal(1, model.BuildCount);
    }

    [Fact]
    public void Apply_NewVersion_RebuildsRows()
    {
        var model = new VmGridViewModel();
        model.Apply(Estate(version: 1), GridFilter.None, ByName);

        var rows = model.Apply(Estate(version: 2), GridFilter.None, ByName);

        Assert.Equal(4, rows.Count);
        Assert.Equal(2, model.BuildCount);
    }

    [Fact]
    public void Statuses_AfterApply_ListsDistinctStatusesSorted()
    {
        var model = new VmGridViewModel();

        model.Apply(Estate(), GridFilter.None, ByName);

        Assert.Equal(["down", "paused", "up"], model.Statuses);
    }

    [Fact]
    public void Apply_TenThousandVmsSearchChange_IsFast()
    {
        var model = new VmGridViewModel();
        var snapshot = SiteSnapshotBuilder.Snapshot(1, SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vms(10_000).Build());
        model.Apply(snapshot, GridFilter.None, ByName);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var rows = model.Apply(snapshot, new GridFilter(Search: "vm0001"), new GridSort<VmColumn>(VmColumn.Memory, true));

        watch.Stop();
        Assert.Equal(10, rows.Count);
        Assert.True(watch.ElapsedMilliseconds < 500, $"took {watch.ElapsedMilliseconds} ms");
    }
}
