using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

public sealed class StretchPageTests : ConsoleTestContext
{
    public StretchPageTests()
    {
        Services.AddSingleton(Options.Create(new RhvDrOptions
        {
            Topology = DrTopology.ActiveActive,
            Sites =
            [
                new SiteOptions { Name = "primary", Role = SiteRole.Primary, EngineUrl = "lab:stretch", AffinityLabel = "primary" },
                new SiteOptions { Name = "recovery", Role = SiteRole.Recovery, EngineUrl = "lab:stretch", AffinityLabel = "recovery" },
            ],
        }));
    }

    [Fact]
    public void Render_CraftedStretchSnapshot_ShowsPerSiteNumbersDriftSpmAndSync()
    {
        // Arrange: hosts carry their site's label (the builder labels them with the site name); VMs say which site they prefer.
        var primary = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("p1").Host("p2")
            .Vm("web", host: "p1", ha: true, memoryGiB: 4).Vm("db", host: "p2", ha: true, memoryGiB: 80)
            .Replication("stretch_master", mode: "sync", intervalSeconds: 0, lagSeconds: 0)
            .Build();
        var recovery = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery)
            .Host("r1").Host("r2", "non_responsive")
            .Vm("drift", host: "r1", ha: true, memoryGiB: 4).Vm("util", host: "r1", memoryGiB: 2)
            .Build();
        Store.Publish(Label(Spm(primary, "p1", 8), new() { ["web"] = "primary", ["db"] = "primary" }));
        Store.Publish(Label(recovery, new() { ["drift"] = "primary", ["util"] = "recovery" }));

        // Act
        var cut = Render<Stretch>();

        // Assert
        var p = cut.Find(".stretch-site[data-site='primary']");
        var r = cut.Find(".stretch-site[data-site='recovery']");
        Assert.Equal("2 / 2", p.QuerySelector(".hosts")!.TextContent);
        Assert.Equal("1 / 2", r.QuerySelector(".hosts")!.TextContent);
        Assert.Equal("3", p.QuerySelector(".vms-preferring")!.TextContent);
        Assert.Equal("1", r.QuerySelector(".vms-drifted")!.TextContent);
        Assert.Equal("2 (2)", p.QuerySelector(".ha-vms")!.TextContent);
        Assert.Equal("yes", p.QuerySelector(".can-absorb")!.TextContent.Trim());
        Assert.Equal("no", r.QuerySelector(".can-absorb")!.TextContent.Trim());
        Assert.Equal("8", p.QuerySelector(".spm-priority")!.TextContent);
        Assert.Contains("p1 at primary (up)", cut.Find(".spm-location").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find(".stretch-storage").GetAttribute("data-in-sync"));
        Assert.Equal(["drift"], cut.FindAll(".stretch-drift tr[data-vm]").Select(tr => tr.GetAttribute("data-vm")));
    }

    [Fact]
    public void Render_DriftChanges_PageFollowsTheStore()
    {
        var cut = Render<Stretch>();
        Assert.Empty(cut.FindAll(".stretch-drift tr[data-vm]"));

        Store.Publish(Label(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Host("r1").Vm("away", host: "r1").Build(), new() { ["away"] = "primary" }));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".stretch-drift tr[data-vm='away']")));
    }

    private static SiteSnapshot Spm(SiteSnapshot site, string host, int priority) =>
        site with { Inventory = site.Inventory with { Hosts = site.Inventory.Hosts.Select(h => h.Name == host ? h with { IsSpm = true, SpmPriority = priority } : h).ToList() } };

    private static SiteSnapshot Label(SiteSnapshot site, Dictionary<string, string> preferred) =>
        site with { Inventory = site.Inventory with { Vms = site.Inventory.Vms.Select(v => preferred.TryGetValue(v.Name, out var s) ? v with { AffinityLabels = [s] } : v).ToList() } };
}
