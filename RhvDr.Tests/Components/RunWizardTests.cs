using RhvDr.Core.Security;
using RhvDr.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Components;

public class RunWizardTests : ConsoleTestContext
{
    private const string RunId = "20260101-000000-abcdef";
    private readonly FakeRecoveryRunner _runner;
    private Func<RunKind, RunMode, RunPreview> _preview = (kind, mode) => RunPreviews.Clean(kind, mode);

    public RunWizardTests()
    {
        _runner = new FakeRecoveryRunner(new RunDetails(
            new RecoveryRun
            {
                Id = RunId, Kind = RunKind.Failover, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
                Status = RunStatus.Running, RequestedBy = "someone", CreatedAt = SiteSnapshotBuilder.Now,
            }, [], [], []));
        Services.AddSingleton<IRecoveryRunner>(_runner);
        Services.AddSingleton<IRunPreviewer>(new FakeRunPreviewer((k, m) => _preview(k, m)));
    }

    [Fact]
    public void StepThrough_CleanPlannedFailover_StartsThroughRunnerAndOpensTheRun()
    {
        RenderProviders();
        var cut = Render<RunWizard>();
        Assert.Contains("Prod (Brno) (primary) → DR (Ostrava) (recovery)", cut.Find(".wizard-direction").TextContent, StringComparison.Ordinal);

        cut.Find(".wizard-next").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        Assert.Contains("dr_role_mappings", cut.Find(".wizard-mapping-findings").TextContent, StringComparison.Ordinal);
        Assert.Equal("false", cut.Find(".wizard-readiness-check[data-check='power-management']").GetAttribute("data-blocks"));

        cut.Find(".wizard-next").Click();
        Assert.Equal(2, cut.FindAll(".wizard-plan-domain").Count);
        Assert.Contains("master (first)", cut.FindAll(".wizard-plan-domain")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll(".wizard-plan-wave").Count);
        Assert.Equal("7 min", cut.Find(".wizard-plan-expected").TextContent.Trim());

        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-start").Click();

        Assert.Equal(new RunRequest(RunKind.Failover, RunMode.Planned, null, null, new Actor("admin", Role.Administrator, "unknown")), _runner.LastRequest);
        Assert.EndsWith($"/runs/{RunId}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Preflight_Blocked_NextDisabledUntilAnOverrideReasonIsWritten()
    {
        _preview = (kind, mode) => RunPreviews.Blocked(kind, mode);
        RenderProviders();
        var cut = Render<RunWizard>();

        cut.Find(".wizard-next").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".wizard-blocker").Count));
        Assert.Equal("true", cut.Find(".wizard-readiness-check[data-check='replication']").GetAttribute("data-blocks"));
        Assert.True(cut.Find(".wizard-next").HasAttribute("disabled"));

        cut.Find(".wizard-override textarea").Input("short");
        Assert.True(cut.Find(".wizard-next").HasAttribute("disabled"));

        cut.Find(".wizard-override textarea").Input("Storage team confirmed the replicas are current");
        cut.WaitForAssertion(() => Assert.False(cut.Find(".wizard-next").HasAttribute("disabled")));
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-start").Click();

        Assert.Equal("Storage team confirmed the replicas are current", _runner.LastRequest?.OverrideReason);
    }

    [Fact]
    public void Confirm_DisasterFromQuery_StartDisabledUntilTheSourceSiteNameIsTyped()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("runs/new?kind=failover&mode=disaster&source=primary");
        RenderProviders();
        var cut = Render<RunWizard>();
        Assert.Empty(cut.FindAll(".wizard-query-note"));

        cut.Find(".wizard-next").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-next").Click();

        Assert.Equal("primary", cut.Find(".wizard-confirm-expected").TextContent);
        Assert.True(cut.Find(".wizard-start").HasAttribute("disabled"));
        cut.Find(".wizard-confirm-site input").Input("prim");
        Assert.True(cut.Find(".wizard-start").HasAttribute("disabled"));
        cut.Find(".wizard-confirm-site input").Input("primary");
        cut.WaitForAssertion(() => Assert.False(cut.Find(".wizard-start").HasAttribute("disabled")));

        cut.Find(".wizard-start").Click();

        Assert.Equal(new RunRequest(RunKind.Failover, RunMode.Disaster, "primary", null, new Actor("admin", Role.Administrator, "unknown")), _runner.LastRequest);
    }

    [Theory]
    [InlineData(true, "last-inventory", "Primary checked against its last inventory, read 3 min ago at 2025-03-01 02:57:00 UTC (the engine does not answer).")]
    [InlineData(false, "not-checked", "Primary not checked: the engine does not answer and the console has not read it since it started")]
    public void Preflight_DisasterWithPrimaryDown_SaysWhatItWasCheckedAgainstAndNothingBlocks(bool readBefore, string checkedAgainst, string text)
    {
        _preview = (_, _) => RunPreviews.LostPrimary(readBefore);
        Services.GetRequiredService<NavigationManager>().NavigateTo("runs/new?kind=failover&mode=disaster&source=primary");
        RenderProviders();
        var cut = Render<RunWizard>();

        cut.Find(".wizard-next").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        var lost = cut.Find(".wizard-mapping-lost-site");
        Assert.Equal(checkedAgainst, lost.GetAttribute("data-checked"));
        Assert.Contains(text, lost.TextContent, StringComparison.Ordinal);
        Assert.Contains("DR (Ostrava) was checked live.", lost.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".wizard-blocker"));
        Assert.False(cut.Find(".wizard-next").HasAttribute("disabled"));
    }

    [Fact]
    public void Start_AnotherRunActive_ShowsALinkToThatRun()
    {
        _runner.StartCreates = false;
        RenderProviders();
        var cut = Render<RunWizard>();
        cut.Find(".wizard-next").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-next").Click();

        cut.Find(".wizard-start").Click();

        Assert.Contains("already active", cut.Find(".wizard-start-error").TextContent, StringComparison.Ordinal);
        Assert.Equal($"runs/{RunId}", cut.Find(".wizard-active-run-link").GetAttribute("href"));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
