using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Monitoring;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

public class OverviewTests : ConsoleTestContext
{
    private static SiteSnapshot HealthyPrimary() => SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
        .Host("host1").Host("host2").Host("host3", "non_responsive")
        .Domain("data_master", master: true).Domain("data_iscsi", usedGiB: 960, freeGiB: 40)
        .Vm("web01", ha: true, haPriority: 50).Vm("db01", "paused").Vm("batch01", "down")
        .Replication("data_master", lagSeconds: 4)
        .History(10)
        .Build();

    [Fact]
    public void Render_StoreNotPolled_ShowsBothSitesWaiting()
    {
        var cut = Render<Overview>();

        var cards = cut.FindAll(".site-card[data-site]");
        Assert.Equal(["primary", "recovery"], cards.Select(c => c.GetAttribute("data-site")));
        Assert.All(cut.FindAll(".engine-status"), e => Assert.Equal("Waiting for first poll", e.TextContent));
    }

    [Fact]
    public void Render_ConnectedSite_ShowsHostsStorageVmsAndReplication()
    {
        Store.Publish(HealthyPrimary());

        var cut = Render<Overview>();

        var primary = cut.Find("[data-site='primary']");
        Assert.Equal("Connected", primary.QuerySelector(".engine-status")!.TextContent);
        Assert.Equal("2", primary.QuerySelector(".hosts-up")!.TextContent);
        Assert.Equal("3", primary.QuerySelector(".hosts-total")!.TextContent);
        Assert.Contains("host3 (non_responsive)", primary.QuerySelector(".problem-hosts")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(primary.QuerySelector("[data-domain='data_iscsi'] .mud-progress-linear"));
        Assert.Contains("paused 1", primary.QuerySelector("[data-status='paused']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(primary.QuerySelector(".sparkline polyline.spark-hosts"));
        Assert.Contains("4 s behind", cut.Find(".replication-row[data-domain='data_master'] .cell-lag").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_PrimaryBecomesUnreachable_EngineStatusAndMessageUpdate()
    {
        Store.Publish(HealthyPrimary());
        var cut = Render<Overview>();
        Assert.Equal("Connected", cut.Find("[data-site='primary'] .engine-status").TextContent);

        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Engine(EngineConnectionStatus.Unreachable, "engine1 did not answer within 10 s", SiteSnapshotBuilder.Now.AddMinutes(-3))
            .Host("host1").Build());

        cut.WaitForAssertion(() =>
        {
            var primary = cut.Find("[data-site='primary']");
            Assert.Equal("Unreachable", primary.QuerySelector(".engine-status")!.TextContent);
            Assert.Equal("engine1 did not answer within 10 s", primary.QuerySelector(".engine-message")!.TextContent);
            Assert.Contains("last data", primary.QuerySelector(".last-data")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("stale", primary.ClassList);
        });
        Assert.Equal("Waiting for first poll", cut.Find("[data-site='recovery'] .engine-status").TextContent);
    }

    [Fact]
    public void Render_PrimaryLost_NumbersSayLastKnownAndChipsAreNeutral()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now));
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Engine(EngineConnectionStatus.Unreachable, "engine1 did not answer within 10 s", SiteSnapshotBuilder.Now.AddMinutes(-2))
            .Host("host1").Host("host2").Domain("data_master", master: true).Vm("web01").Build());

        var cut = Render<Overview>();

        var primary = cut.Find("[data-site='primary']");
        Assert.Equal("last known, 2 min ago", primary.QuerySelector("[data-testid='last-known']")!.TextContent);
        Assert.Contains("stale-value", primary.QuerySelector(".big-number")!.ClassList);
        var chips = primary.QuerySelectorAll(".domain-status, .vm-status-count .health-chip");
        Assert.Equal(2, chips.Length);
        Assert.All(chips, chip =>
        {
            Assert.Contains("mud-chip-color-default", chip.ClassList);
            Assert.DoesNotContain("mud-chip-color-success", chip.ClassList);
        });
    }

    [Fact]
    public void Render_ConnectedButPollsStopped_SiteChipIsNeutralNotOk()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now.AddMinutes(5)));
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("host1").Domain("data_master", master: true).Vm("web01").Build());

        var cut = Render<Overview>();

        var primary = cut.Find("[data-site='primary']");
        Assert.Equal("last known, 5 min ago", primary.QuerySelector("[data-testid='last-known']")!.TextContent);
        Assert.Contains("mud-chip-color-default", primary.QuerySelector(".site-health")!.ClassList);
        Assert.Empty(primary.QuerySelectorAll(".mud-chip-color-success"));
    }

    [Fact]
    public void Render_PrimaryFresh_NoLastKnownAndGreenChips()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SiteSnapshotBuilder.Now.AddSeconds(2)));
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("host1").Host("host2").Domain("data_master", master: true).Vm("web01").Build());

        var cut = Render<Overview>();

        var primary = cut.Find("[data-site='primary']");
        Assert.Null(primary.QuerySelector("[data-testid='last-known']"));
        Assert.DoesNotContain("last known", primary.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("stale-value", primary.QuerySelector(".big-number")!.ClassList);
        Assert.Contains("mud-chip-color-success", primary.QuerySelector(".domain-status")!.ClassList);
        Assert.Contains("mud-chip-color-success", primary.QuerySelector(".vm-status-count .health-chip")!.ClassList);
    }

    [Fact]
    public void Render_NoNewSnapshotWhileTheClockMovesOn_PrimaryTurnsLastKnown()
    {
        var clock = new FakeTimeProvider(SiteSnapshotBuilder.Now.AddSeconds(2));
        Services.AddSingleton<TimeProvider>(clock);
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Host("host1").Domain("data_master", master: true).Vm("web01").Build());
        var cut = Render<Overview>();
        Assert.Empty(cut.FindAll("[data-site='primary'] [data-testid='last-known']"));

        // The page's own age refresh, not a new snapshot, must notice that polls stopped.
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(2));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("last known, 5 min ago", cut.Find("[data-site='primary'] [data-testid='last-known']").TextContent);
            Assert.Contains("mud-chip-color-default", cut.Find("[data-site='primary'] .site-health").ClassList);
        });
    }

    [Theory]
    [InlineData(EngineConnectionStatus.AuthenticationFailed, "Authentication failed")]
    [InlineData(EngineConnectionStatus.Faulted, "Engine fault")]
    public void Render_EngineNotConnected_ShowsStatusInWords(EngineConnectionStatus status, string text)
    {
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Engine(status, "why").Build());

        var cut = Render<Overview>();

        Assert.Equal(text, cut.Find("[data-site='recovery'] .engine-status").TextContent);
        Assert.Equal("why", cut.Find("[data-site='recovery'] .engine-message").TextContent);
    }

    [Fact]
    public async Task Dispose_PageRemoved_SubscriptionIsDisposed()
    {
        var recording = new RecordingInventoryStore(Store);
        Services.AddSingleton<IInventoryStore>(recording);
        Render<Overview>();
        var subscription = Assert.Single(recording.Subscriptions);

        await DisposeComponentsAsync();

        // A disposed subscription's stream ends at once instead of waiting for changes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var _ in subscription.ReadChangesAsync(timeout.Token))
        {
        }
        Assert.False(timeout.IsCancellationRequested);
    }
}
