using Bunit;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

public class GridPageTests : ConsoleTestContext
{
    public GridPageTests() => RenderProviders();

    [Fact]
    public void Hosts_StoreChanges_RowsFollow()
    {
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("host1").Host("host2").Build());
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Host("dr-host1").Build());
        var cut = Render<Hosts>();
        Assert.Equal(["dr-host1", "host1", "host2"], Names(cut, "tr.host-row").Order());

        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("host1").Host("host2", "non_responsive").Build());

        cut.WaitForAssertion(() =>
        {
            var row = cut.FindAll("tr.host-row").Single(r => r.QuerySelector(".cell-name")!.TextContent == "host2");
            Assert.Equal("non_responsive", row.QuerySelector(".cell-status")!.TextContent.Trim());
            Assert.Equal("Critical", row.QuerySelector(".health-chip")!.GetAttribute("data-health"));
        });
    }

    [Fact]
    public void Hosts_SortHeaderClicked_ReversesOrder()
    {
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("a-host").Host("b-host").Host("c-host").Build());
        var cut = Render<Hosts>();

        cut.Find("button.sort-header[data-sort='Name']").Click();
        Assert.Equal(["a-host", "b-host", "c-host"], Names(cut, "tr.host-row"));
        cut.Find("button.sort-header[data-sort='Name']").Click();

        Assert.Equal(["c-host", "b-host", "a-host"], Names(cut, "tr.host-row"));
        // The header cell of the sorted column, not the button in it, says so to a screen reader; no other cell does.
        Assert.Equal("descending", cut.Find("th:has(button.sort-header[data-sort='Name'])").GetAttribute("aria-sort"));
        Assert.Single(cut.FindAll("th[aria-sort]"));
    }

    [Fact]
    public void Storage_StoreChanges_RowsShowUsageAndReplication()
    {
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Domain("data_master", master: true).Replication("data_master", lagSeconds: 0).Build());
        var cut = Render<Storage>();
        var row = cut.FindAll("tr.domain-row").Single();
        Assert.NotNull(row.QuerySelector(".cell-usage .mud-progress-linear"));
        Assert.Contains("in sync", row.QuerySelector(".cell-replication")!.TextContent, StringComparison.Ordinal);

        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Domain("data_master", master: true).Domain("data_iscsi").Replication("data_master", "broken", 600).Build());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(2, cut.FindAll("tr.domain-row").Count);
            var master = cut.FindAll("tr.domain-row").Single(r => r.QuerySelector(".cell-name")!.TextContent.StartsWith("data_master", StringComparison.Ordinal));
            Assert.Contains("broken", master.QuerySelector(".cell-replication")!.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Vms_StoreChanges_RowsFollow()
    {
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vm("web01").Vm("db01", ha: true, haPriority: 80).Build());
        var cut = Render<Vms>();
        Assert.Equal(["db01", "web01"], Names(cut, "tr.vm-row"));
        Assert.Equal("2", cut.Find(".grid-count .shown-count").TextContent);

        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vm("web01", "paused").Vm("db01").Vm("app01").Build());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["app01", "db01", "web01"], Names(cut, "tr.vm-row"));
            var web = cut.FindAll("tr.vm-row").Single(r => r.QuerySelector(".cell-name")!.TextContent == "web01");
            Assert.Equal("paused", web.QuerySelector(".cell-status")!.TextContent.Trim());
        });
    }

    [Fact]
    public void Vms_TenThousandVms_RendersOnlyAWindow()
    {
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vms(10_000).Build());

        var cut = Render<Vms>();

        Assert.Equal("10000", cut.Find(".grid-count .total-count").TextContent);
        Assert.InRange(cut.FindAll("tr.vm-row").Count, 1, 200);
    }

    [Fact]
    public void Render_BothSites_SiteColumnNamesTheSite()
    {
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Vm("web01").Build());
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Vm("web01-dr").Build());

        var cut = Render<Vms>();

        Assert.Equal(["primary", "recovery"], cut.FindAll("tr.vm-row .cell-site").Select(c => c.GetAttribute("data-site")).Order());
    }

    private static List<string> Names(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut, string rowSelector) =>
        cut.FindAll(rowSelector).Select(r => r.QuerySelector(".cell-name")!.TextContent).ToList();
}
