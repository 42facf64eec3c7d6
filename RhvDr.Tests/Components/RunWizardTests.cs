using RhvDr.Core.Security;
using RhvDr.Tests.Support;
using Bunit;
using MudBlazor;
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
    private readonly InMemoryPlanStore _plans = new();
    private readonly InMemoryMappingStore _mappings = new();
    private readonly FakeRunPreviewer _previewer;

    public RunWizardTests()
    {
        _runner = new FakeRecoveryRunner(new RunDetails(
            new RecoveryRun
            {
                Id = RunId, Kind = RunKind.Failover, Mode = RunMode.Planned, SourceSite = "primary", TargetSite = "recovery",
                Status = RunStatus.Running, RequestedBy = "someone", CreatedAt = SiteSnapshotBuilder.Now,
            }, [], [], []));
        Services.AddSingleton<IRecoveryRunner>(_runner);
        _previewer = new FakeRunPreviewer((k, m) => _preview(k, m));
        Services.AddSingleton<IRunPreviewer>(_previewer);
        PlanPageFixture.Add(Services, Store, _mappings, _plans, Audit);
    }

    [Fact]
    public async Task ChoosePlan_ShowsItsPriorityGroupsAsLanesAndTheRequestCarriesIt()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        _previewer.ReIpFor = plan => plan == "core"
            ? [new RhvDr.Core.Plans.ReIpRow("db1", "vm_prod", "eth0", "10.10.100.5", "10.20.100.5", "255.255.255.0", "10.20.100.1", ["10.20.0.53"], null)]
            : [];
        RenderProviders();
        var cut = Render<RunWizard>();
        var select = cut.FindComponents<MudSelect<string>>()
            .Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == "wizard-plan-select");
        Assert.Empty(cut.FindAll("[data-testid='plan-lanes']"));

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("core"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='plan-lane-1'] [data-testid='plan-vm']").Count));
        Assert.Contains("after db1", cut.Find("[data-testid='plan-lane-1'] [data-vm='app1']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid='plan-lane-4'] [data-vm='web1'] .plan-vm-skip"));
        Assert.Equal("0", cut.Find("[data-testid='plan-lane-3']").GetAttribute("data-count"));
        Assert.Contains("Confirm the replication is split.", cut.Find("[data-testid='wizard-plan-pre-steps']").TextContent, StringComparison.Ordinal);

        cut.Find(".wizard-next").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        Assert.Equal("core", _previewer.Plans[^1]);
        cut.Find(".wizard-next").Click();

        // The plan step shows where the plan's VMs' addresses go at the target.
        var row = cut.Find(".reip-preview tr.reip-row");
        Assert.Equal("db1", row.QuerySelector(".cell-vm")!.TextContent.Trim());
        Assert.Equal("10.10.100.5", row.QuerySelector(".cell-old")!.TextContent.Trim());
        Assert.StartsWith("10.20.100.5", row.QuerySelector(".cell-new")!.TextContent.Trim(), StringComparison.Ordinal);
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-confirm-site input").Input("primary");
        cut.WaitForAssertion(() => Assert.False(cut.Find(".wizard-start").HasAttribute("disabled")));
        cut.Find(".wizard-start").Click();

        Assert.Equal("core", _runner.LastRequest?.Plan);
        Assert.Equal(RunKind.Failover, _runner.LastRequest?.Kind);
    }

    [Fact]
    public void StepThrough_CleanPlannedFailover_StartsThroughRunnerAndOpensTheRun()
    {
        RenderProviders();
        var cut = Render<RunWizard>();
        Assert.Contains("Prod (Brno) → DR (Ostrava)", cut.Find(".wizard-direction").TextContent, StringComparison.Ordinal);

        cut.Find(".wizard-next").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        Assert.Contains("dr_role_mappings", cut.Find(".wizard-note[data-code='role-unmapped']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find(".wizard-readiness-note[data-code='power-management']"));

        cut.Find(".wizard-next").Click();
        Assert.Equal(2, cut.FindAll(".wizard-plan-domain").Count);
        Assert.Contains("master (first)", cut.FindAll(".wizard-plan-domain")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll(".wizard-plan-wave").Count);
        Assert.Equal("7 min", cut.Find(".wizard-plan-expected").TextContent.Trim());

        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-confirm-site input").Input("primary");
        cut.WaitForAssertion(() => Assert.False(cut.Find(".wizard-start").HasAttribute("disabled")));
        cut.Find(".wizard-start").Click();

        Assert.Equal(new RunRequest(RunKind.Failover, RunMode.Planned, "primary", null, new Actor("admin", Role.Administrator, "unknown")), _runner.LastRequest);
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
        Assert.Contains("Readiness 'replication'", cut.FindAll(".wizard-blocker")[1].TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find(".wizard-next").HasAttribute("disabled"));

        cut.Find(".wizard-override textarea").Input("short");
        Assert.True(cut.Find(".wizard-next").HasAttribute("disabled"));

        cut.Find(".wizard-override textarea").Input("Storage team confirmed the replicas are current");
        cut.WaitForAssertion(() => Assert.False(cut.Find(".wizard-next").HasAttribute("disabled")));
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-confirm-site input").Input("primary");
        cut.WaitForAssertion(() => Assert.False(cut.Find(".wizard-start").HasAttribute("disabled")));
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
        cut.Find(".wizard-confirm-site input").Input("primary");
        cut.WaitForAssertion(() => Assert.False(cut.Find(".wizard-start").HasAttribute("disabled")));

        cut.Find(".wizard-start").Click();

        Assert.Contains("already active", cut.Find(".wizard-start-error").TextContent, StringComparison.Ordinal);
        Assert.Equal($"runs/{RunId}", cut.Find(".wizard-active-run-link").GetAttribute("href"));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Preflight_Clear_VerdictFirstNotesCollapsedAndNoOverride()
    {
        RenderProviders();
        var cut = Render<RunWizard>();

        cut.Find(".wizard-next").Click();

        cut.WaitForAssertion(() => Assert.Equal("Nothing blocks the failover", cut.Find(".wizard-verdict-text").TextContent.Trim()));
        var parts = cut.Find(".wizard-preflight").Children.Select(e => e.ClassList).ToList();
        Assert.Contains("wizard-verdict", parts[0]);
        Assert.Contains("wizard-notes", parts[1]);
        Assert.Equal("2 notes", cut.Find(".wizard-notes .mud-expand-panel-header").TextContent.Trim());
        Assert.Empty(cut.FindAll(".wizard-override"));
    }

    [Fact]
    public void Preflight_Blocked_VerdictCountsTheProblemsAndOverrideFollowsIt()
    {
        _preview = (kind, mode) => RunPreviews.Blocked(kind, mode);
        RenderProviders();
        var cut = Render<RunWizard>();

        cut.Find(".wizard-next").Click();

        cut.WaitForAssertion(() => Assert.Equal("2 problems block the failover", cut.Find(".wizard-verdict-text").TextContent.Trim()));
        var parts = cut.Find(".wizard-preflight").Children.Select(e => e.ClassList).ToList();
        Assert.Contains("wizard-verdict", parts[0]);
        Assert.Contains("wizard-override", parts[1]);
    }

    [Theory]
    [InlineData(RunKind.Test, "storage.attached-at-recovery", "test-failover")]
    [InlineData(RunKind.Cleanup, "role-unmapped", "power-management")]
    [InlineData(RunKind.Failback, "vm.delete-protected", "vm-protection")]
    public void Preflight_FindingsForOtherKinds_AreCountedNotListed(RunKind kind, string listedMapping, string listedReadiness)
    {
        _preview = (k, m) => RunPreviews.WithKindSpecificFindings(k, m);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"runs/new?kind={kind}");
        RenderProviders();
        var cut = Render<RunWizard>();

        cut.Find(".wizard-next").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        var codes = cut.FindAll(".wizard-note").Select(n => n.GetAttribute("data-code")).ToList();
        Assert.Contains(listedMapping, codes);
        Assert.Contains(listedReadiness, codes);
        var expected = RunPreviews.WithKindSpecificFindings(kind, RunMode.Planned);
        Assert.Equal(expected.RelevantMappingFindings.Count + expected.RelevantReadinessWarnings.Count, codes.Count);
        Assert.Equal(expected.OtherKindsFindings.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find(".wizard-notes-other").GetAttribute("data-count"));
        if (kind != RunKind.Failback)
        {
            Assert.DoesNotContain("vm.delete-protected", codes);
            Assert.DoesNotContain("vm-protection", codes);
        }

        if (kind == RunKind.Cleanup)
        {
            Assert.DoesNotContain("storage.attached-at-recovery", codes);
        }
    }

    [Fact]
    public void Confirm_PlannedFailover_StatesTheImpactAndNeedsTheSourceSiteName()
    {
        RenderProviders();
        var cut = Render<RunWizard>();
        cut.Find(".wizard-next").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-next").Click();

        Assert.Equal("3", cut.Find(".wizard-impact-shutdown").GetAttribute("data-count"));
        Assert.Contains("data_master, data_apps", cut.Find(".wizard-impact-domains").TextContent, StringComparison.Ordinal);
        Assert.Contains("7 min", cut.Find(".wizard-impact-downtime").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find(".wizard-start.wizard-start-stops-production"));
        Assert.True(cut.Find(".wizard-start").HasAttribute("disabled"));
        cut.Find(".wizard-confirm-site input").Input("Primary");
        Assert.True(cut.Find(".wizard-start").HasAttribute("disabled"));
    }

    [Fact]
    public void Confirm_Test_SaysProductionIsUntouchedAndNeedsNoTyping()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("runs/new?kind=test");
        RenderProviders();
        var cut = Render<RunWizard>();
        cut.Find(".wizard-next").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".wizard-preflight-clear")));
        cut.Find(".wizard-next").Click();
        cut.Find(".wizard-next").Click();

        Assert.Contains("touches nothing in production", cut.Find(".wizard-confirm-impact").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".wizard-confirm-site"));
        Assert.NotNull(cut.Find(".wizard-start.wizard-start-safe"));
        Assert.False(cut.Find(".wizard-start").HasAttribute("disabled"));
    }
}
