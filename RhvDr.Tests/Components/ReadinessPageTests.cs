using Microsoft.Extensions.Time.Testing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ReadinessPage = RhvDr.Console.Components.Pages.Readiness;
using RhvDr.Core.Readiness;

namespace RhvDr.Tests.Components;

public sealed class ReadinessPageTests : ConsoleTestContext
{
    private static readonly DateTimeOffset Now = SiteSnapshotBuilder.Now;
    private readonly ReadinessStore _readiness = new();
    private readonly InMemoryReadinessHistory _history = new();

    public ReadinessPageTests()
    {
        Services.AddSingleton<IReadinessStore>(_readiness);
        Services.AddSingleton<IReadinessHistoryRepository>(_history);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
    }

    private static ReadinessReport NoGo() => new(
        Now,
        ReadinessVerdict.NoGo,
        62,
        1000,
        900,
        [new DomainRpo("path2", "async", "replicating", 300, 1000, Now.AddSeconds(-1000)), new DomainRpo("scsi_domain", "sync", "replicating", 0, 0, Now)],
        new RtoEstimate(1860, "model", "No recorded runs; model of 4 replicated domain(s)"),
        null,
        [
            new ReadinessFinding("engines", "Engines reachable and authenticated", 20, CheckStatus.Pass, CheckSeverity.Info, "Both engines answer.", ["primary: connected"], ""),
            new ReadinessFinding("vm-protection", "Delete-protected VMs", 5, CheckStatus.Fail, CheckSeverity.Warning, "1 protected VM(s) would block.", ["prod-web-001: delete protected"], "Clear 'Delete Protection'.", Now.AddHours(-3)),
            new ReadinessFinding("replication", "Replication healthy", 20, CheckStatus.Fail, CheckSeverity.Critical, "1 of 4 replicated domains are broken.", ["path2: replicating, 1000 s behind"], "Ask the storage admin to resync.", Now.AddHours(-1)),
        ],
        ["Fixing \"Replication healthy\" would lift the no-go."]);

    [Fact]
    public void Render_NotEvaluated_SaysSoInWords()
    {
        var cut = Render<ReadinessPage>();

        Assert.Equal("Not evaluated yet", cut.Find("[data-testid='verdict']").TextContent);
        Assert.Contains("has not been evaluated yet", cut.Find(".not-evaluated").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_NoGoReport_ShowsVerdictNumbersAndFindingsBySeverity()
    {
        var cut = Render<ReadinessPage>();

        _readiness.Publish(NoGo());

        cut.WaitForAssertion(() => Assert.Equal("NO-GO: DR would not work as it stands", cut.Find("[data-testid='verdict']").TextContent));
        Assert.Equal("no-go", cut.Find(".readiness").GetAttribute("data-verdict"));
        Assert.Equal("62", cut.Find("[data-testid='score']").TextContent);
        Assert.Equal("17 min", cut.Find("[data-testid='rpo']").TextContent);
        Assert.Equal("31 min", cut.Find("[data-testid='rto']").TextContent);
        Assert.Equal("None recorded", cut.Find("[data-testid='last-test']").TextContent);
        Assert.Equal(["replication", "vm-protection", "engines"], cut.FindAll(".finding").Select(f => f.GetAttribute("data-check")));
        var replication = cut.Find(".finding[data-check='replication']");
        Assert.Equal("Critical", replication.QuerySelector(".finding-status")!.TextContent);
        Assert.Contains("path2: replicating, 1000 s behind", replication.QuerySelector(".finding-evidence")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("resync", replication.QuerySelector(".finding-fix")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("since 2025-03-01 02:00 UTC", replication.QuerySelector(".failing-since")!.TextContent);
        Assert.Contains("over-target", cut.Find(".rpo-table tr[data-domain='path2']").ClassName, StringComparison.Ordinal);
        Assert.Contains("would lift the no-go", cut.Find(".what-would-change").TextContent, StringComparison.Ordinal);
        Assert.Equal("api/readiness/export?format=csv", cut.Find("a.export-csv").GetAttribute("href"));
    }

    [Fact]
    public void Render_TrendStored_DrawsChartAndSwitchesTo90Days()
    {
        _history.Trend.Add(new ReadinessTrendPoint(Now.AddDays(-60), 40, 40, ReadinessVerdict.NoGo, 1));
        _history.Trend.Add(new ReadinessTrendPoint(Now.AddDays(-2), 80, 85, ReadinessVerdict.Warn, 3));
        _history.Trend.Add(new ReadinessTrendPoint(Now.AddDays(-1), 100, 100, ReadinessVerdict.Go, 3));

        var cut = Render<ReadinessPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".trend-point").Count));
        cut.Find("button.trend-90").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".trend-point").Count));
        Assert.Single(cut.FindAll(".trend-point.verdict-no-go"));
        Assert.Contains("90 days", cut.Find(".trend h3").TextContent, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(-90), _history.TrendQueries[^1].Since);
    }

    [Fact]
    public void Publish_RunningAtRecovery_VerdictAnswersWhetherWeCouldFailBack()
    {
        // Arrange: production runs at recovery after a failover; the primary answers again with hosts up.
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("p1").Build());
        Store.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Host("r1").Build());
        DrState.Publish(new RhvDr.Core.State.DrState(RhvDr.Core.State.DrStateKind.RunningAtRecovery, "Production runs at DR (Ostrava)", "Since the failover.",
            null, "recovery"));
        var cut = Render<ReadinessPage>();

        // Act: the regular evaluation says no-go for the primary failing (it judges the normal direction).
        _readiness.Publish(NoGo());

        // Assert: the page asks the failback question instead of showing a false NO-GO.
        cut.WaitForAssertion(() => Assert.Equal("GO: we could fail back now", cut.Find("[data-testid='verdict']").TextContent));
        Assert.Equal("Could we fail back now?", cut.Find("[data-testid='verdict-question']").TextContent);
        Assert.Equal("go", cut.Find(".readiness").GetAttribute("data-verdict"));
        Assert.Contains("Could we fail back to Prod (Brno) now?", cut.Find("[data-testid='failback-readiness'] h3").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".what-would-change"));
    }
}
