using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Console.Components.Controls;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

/// <summary>The app bar's site chips and the inventory grids while a site's data is the last known inventory.</summary>
public class SiteStatusBarTests : ConsoleTestContext
{
    private static SiteSnapshot ConnectedPrimary() => SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
        .Host("host1").Host("host2").Domain("data_master", master: true).Vm("web01").Build();

    private static SiteSnapshot LostPrimary() => SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
        .Engine(EngineConnectionStatus.Unreachable, "engine1 did not answer within 10 s", SiteSnapshotBuilder.Now.AddMinutes(-2))
        .Host("host1").Host("host2").Domain("data_master", master: true).Vm("web01").Build();

    private static SiteSnapshot LiveRecovery() => SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery)
        .Host("dr-host1").Domain("dr_data").Vm("dr-util01").Build();

    [Fact]
    public void Render_PrimaryUnreachable_ChipStaysCriticalAndSaysLastKnown()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now));
        Store.Publish(LostPrimary());

        var cut = Render<SiteStatusBar>();

        var status = cut.Find("[data-site-status='primary']");
        var chip = status.QuerySelector(".health-chip")!;
        Assert.Equal("true", status.GetAttribute("data-stale"));
        Assert.Equal("Prod (Brno): unreachable, last known, 2 min ago", chip.TextContent.Trim());
        // Unreachable is known now: the chip is red like the site's card, and its words say the numbers are old.
        Assert.Contains("mud-chip-color-error", chip.ClassList);
        Assert.DoesNotContain("mud-chip-color-success", chip.ClassList);
        Assert.Equal("Critical", chip.GetAttribute("data-health"));
    }

    [Fact]
    public void Render_ConnectedButPollsStopped_ChipIsNeutralNotOk()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now.AddMinutes(5)));
        Store.Publish(ConnectedPrimary());

        var cut = Render<SiteStatusBar>();

        var chip = cut.Find("[data-site-status='primary'] .health-chip");
        Assert.Equal("Prod (Brno): last known, 5 min ago", chip.TextContent.Trim());
        Assert.Contains("mud-chip-color-default", chip.ClassList);
        Assert.DoesNotContain("OK", chip.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PrimaryFresh_ChipIsGreenOk()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now.AddSeconds(2)));
        Store.Publish(ConnectedPrimary());

        var cut = Render<SiteStatusBar>();

        var status = cut.Find("[data-site-status='primary']");
        var chip = status.QuerySelector(".health-chip")!;
        Assert.Null(status.GetAttribute("data-stale"));
        Assert.Equal("Prod (Brno): OK", chip.TextContent.Trim());
        Assert.Contains("mud-chip-color-success", chip.ClassList);
    }

    [Fact]
    public void Publish_PrimaryBackAfterOutage_ChipTurnsGreenAgain()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now));
        Store.Publish(LostPrimary());
        var cut = Render<SiteStatusBar>();
        Assert.Equal("true", cut.Find("[data-site-status='primary']").GetAttribute("data-stale"));

        Store.Publish(ConnectedPrimary());

        cut.WaitForAssertion(() =>
        {
            var chip = cut.Find("[data-site-status='primary'] .health-chip");
            Assert.Equal("Prod (Brno): OK", chip.TextContent.Trim());
            Assert.Contains("mud-chip-color-success", chip.ClassList);
        });
    }

    [Fact]
    public void Hosts_PrimaryLost_PrimaryRowsNeutralUnderALastKnownAlertRecoveryRowsGreen()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now));
        RenderProviders();
        Store.Publish(LostPrimary());
        Store.Publish(LiveRecovery());

        var cut = Render<Hosts>();

        var alert = cut.Find("[data-testid='grid-last-known']");
        Assert.Equal("primary", alert.GetAttribute("data-site"));
        Assert.Contains("Prod (Brno): last known, 2 min ago", alert.TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid='grid-last-known']"));
        var rows = cut.FindAll("tr.host-row");
        var primaryRows = rows.Where(r => r.QuerySelector(".cell-site")!.GetAttribute("data-site") == "primary").ToList();
        Assert.Equal(2, primaryRows.Count);
        Assert.All(primaryRows, row =>
        {
            var chip = row.QuerySelector(".health-chip")!;
            Assert.Equal("true", chip.GetAttribute("data-stale"));
            Assert.Contains("mud-chip-color-default", chip.ClassList);
        });
        var recovery = rows.Single(r => r.QuerySelector(".cell-site")!.GetAttribute("data-site") == "recovery");
        Assert.Contains("mud-chip-color-success", recovery.QuerySelector(".health-chip")!.ClassList);
        Assert.Null(recovery.QuerySelector(".health-chip")!.GetAttribute("data-stale"));
    }

    [Fact]
    public void Vms_PrimaryLost_PrimaryVmChipsNeutral()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now));
        RenderProviders();
        Store.Publish(LostPrimary());
        Store.Publish(LiveRecovery());

        var cut = Render<Vms>();

        Assert.Equal("primary", cut.Find("[data-testid='grid-last-known']").GetAttribute("data-site"));
        var web = cut.FindAll("tr.vm-row").Single(r => r.QuerySelector(".cell-name")!.TextContent == "web01");
        Assert.Contains("mud-chip-color-default", web.QuerySelector(".health-chip")!.ClassList);
        var util = cut.FindAll("tr.vm-row").Single(r => r.QuerySelector(".cell-name")!.TextContent == "dr-util01");
        Assert.Contains("mud-chip-color-success", util.QuerySelector(".health-chip")!.ClassList);
    }

    [Fact]
    public void Storage_BothSitesFresh_NoLastKnownAlert()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now.AddSeconds(2)));
        RenderProviders();
        Store.Publish(ConnectedPrimary());
        Store.Publish(LiveRecovery());

        var cut = Render<Storage>();

        Assert.Empty(cut.FindAll("[data-testid='grid-last-known']"));
        Assert.All(cut.FindAll("tr.domain-row .cell-status .health-chip"), chip => Assert.Contains("mud-chip-color-success", chip.ClassList));
    }
}
