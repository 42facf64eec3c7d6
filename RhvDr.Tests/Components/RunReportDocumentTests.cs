using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Console.Components.Reports;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

public class RunReportDocumentTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RenderAsync_FinishedTest_PageCarriesTheRunsFacts()
    {
        var page = await RenderAsync(Details());

        Assert.StartsWith("<!DOCTYPE html>", page.Html, StringComparison.Ordinal);
        var document = page.Document;
        Assert.Equal("Planned test primary → recovery: succeeded", document.QuerySelector(".report-title")!.TextContent.Trim());
        Assert.Equal("alice", document.QuerySelector(".report-requested-by")!.TextContent);
        Assert.Equal("test", document.QuerySelector(".report-kind")!.TextContent);
        Assert.Equal("planned", document.QuerySelector(".report-mode")!.TextContent);
        Assert.Equal("2026-03-01 02:00:00 UTC", document.QuerySelector(".report-started")!.TextContent);
        Assert.Equal("2026-03-01 02:00:40 UTC", document.QuerySelector(".report-finished")!.TextContent);
        Assert.Equal("40 s", document.QuerySelector(".report-duration")!.TextContent);
        Assert.Equal("30 s", document.QuerySelector(".report-rto")!.TextContent);
        Assert.StartsWith("5:00 (data as of 2026-03-01 01:55:00 UTC)", document.QuerySelector(".report-rpo")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 of 1 up, 0 failed", document.QuerySelector(".report-vms")!.TextContent);
        Assert.Equal(["Storage: writeable test copies", "Start the VMs"], document.QuerySelectorAll(".report-step td:nth-child(2)").Select(c => c.TextContent));
        Assert.NotNull(document.QuerySelector("style"));
    }

    [Fact]
    public async Task RenderAsync_SitesConfigured_TitleNamesThemByDisplayName()
    {
        await using var services = new ServiceCollection().AddSingleton<IInventoryStore>(SiteSnapshotBuilder.NewStore()).BuildServiceProvider();

        var html = await RunReportHtml.RenderAsync(RunReport.From(Details()), Start.AddMinutes(5), services, NullLoggerFactory.Instance);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Planned test Prod (Brno) → DR (Ostrava): succeeded", document.QuerySelector(".report-title")!.TextContent.Trim());
    }

    [Fact]
    public async Task RenderAsync_VmNeverStarted_SaysNotStartedNotWaveZero()
    {
        var page = await RenderAsync(Details());

        var idle = page.Document.QuerySelector(".report-vm[data-vm='idle-01']")!;
        Assert.Equal("not started", idle.QuerySelector(".report-vm-wave")!.TextContent);
        Assert.Equal("not started", idle.QuerySelector(".report-vm-result")!.TextContent);
        var web = page.Document.QuerySelector(".report-vm[data-vm='web-01']")!;
        Assert.Equal("1", web.QuerySelector(".report-vm-wave")!.TextContent);
        Assert.Equal("up", web.QuerySelector(".report-vm-result")!.TextContent);
        Assert.DoesNotContain(page.Document.QuerySelectorAll(".report-vm-wave"), c => c.TextContent == "0");
    }

    [Fact]
    public async Task RenderAsync_NamesWithMarkup_AreEncoded()
    {
        var details = Details();
        var page = await RenderAsync(details with { Run = details.Run with { Status = RunStatus.Failed, Error = "<script>alert(1)</script> engine refused" } });

        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script> engine refused", page.Document.QuerySelector(".report-error")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<(IHtmlDocument Document, string Html)> RenderAsync(RunDetails details)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var html = await RunReportHtml.RenderAsync(RunReport.From(details), Start.AddMinutes(5), services, NullLoggerFactory.Instance);
        return (new HtmlParser().ParseDocument(html), html);
    }

    private static RunDetails Details()
    {
        var run = new RecoveryRun
        {
            Id = "20260301-020000-abcdef", Kind = RunKind.Test, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
            Status = RunStatus.Succeeded, RequestedBy = "alice", CreatedAt = Start, StartedAt = Start, FinishedAt = Start.AddSeconds(40),
            RecoveryPoint = Start.AddMinutes(-5),
        };
        RunStep[] steps =
        [
            new() { RunId = run.Id, Index = 0, Name = "test-copies", Title = "Storage: writeable test copies", Status = StepStatus.Succeeded, StartedAt = Start, FinishedAt = Start.AddSeconds(5) },
            new() { RunId = run.Id, Index = 1, Name = "start-vms", Title = "Start the VMs", Status = StepStatus.Succeeded, StartedAt = Start.AddSeconds(5), FinishedAt = Start.AddSeconds(40) },
        ];
        VmOutcome[] vms =
        [
            new() { RunId = run.Id, VmId = "1", VmName = "web-01", WasRunning = true, Wave = 1, Registered = true, Started = true, Up = true, UpAt = Start.AddSeconds(30) },
            new() { RunId = run.Id, VmId = "2", VmName = "idle-01", WasRunning = false, Wave = 0 },
        ];
        return new RunDetails(run, steps, vms, []);
    }
}
