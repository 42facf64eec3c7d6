using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Extensions;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Drills;
using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Tests.Components;

/// <summary>The Plans page beyond the lanes: re-IP rules, probes, the drill schedule, renaming a plan and its drill records.</summary>
public sealed class PlanPageEditingTests : ConsoleTestContext
{
    /// <summary>A Wednesday noon: the Saturday 03:00 drill schedule is next due three days later.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryPlanStore _plans = new();
    private readonly InMemoryMappingStore _mappings = new();
    private readonly InMemoryDrillStore _drills = new();

    public PlanPageEditingTests()
    {
        Services.AddSingleton<IDrillStore>(_drills);
        Services.AddSingleton(new DrillClock(new FakeTimeProvider(Now)));
        PlanPageFixture.Add(Services, Store, _mappings, _plans, Audit);
    }

    [Fact]
    public async Task ReIp_AddRuleAndSave_TheSavedVersionHoldsTheRule()
    {
        await SeedWithNetworkAsync();
        var cut = RenderPage();

        await cut.Find("[data-testid='plan-reip-add']").ClickAsync(new());
        var rule = cut.WaitForElement("[data-testid='plan-reip-rule']");
        Assert.Equal("prod", rule.GetAttribute("data-network"));

        await SetTextAsync(cut, "plan-reip-0-from", "10.10.100.0/24");
        await SetTextAsync(cut, "plan-reip-0-to", "10.20.100.0/24");
        await SetTextAsync(cut, "plan-reip-0-gateway", "10.20.100.1");
        await SetTextAsync(cut, "plan-reip-0-dns", "10.20.0.53, 10.20.0.54");
        await cut.Find("[data-testid='plan-reip-0-add-address']").ClickAsync(new());
        await SetTextAsync(cut, "plan-reip-0-address-0-vm", "db1");
        await SetTextAsync(cut, "plan-reip-0-address-0-ip", "10.20.100.50");

        cut.WaitForAssertion(() => Assert.Equal("0 errors", cut.Find("[data-testid='plans-errors']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='plan-reip-0-findings']"));
        await cut.Find("[data-testid='plans-save']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("Version 3,", cut.Find("[data-testid='plans-version']").TextContent, StringComparison.Ordinal));
        var saved = (await _plans.GetCurrentAsync())!;
        Assert.False(saved.Info.IsDraft);
        var stored = Assert.Single(saved.Document.FindPlan("core")!.ReIp);
        Assert.Equal("prod", stored.Network);
        Assert.Equal("10.10.100.0/24", stored.PrimarySubnet);
        Assert.Equal("10.20.100.0/24", stored.RecoverySubnet);
        Assert.Equal("10.20.100.1", stored.Gateway);
        Assert.Equal(["10.20.0.53", "10.20.0.54"], stored.Dns);
        Assert.Equal([new ReIpAddress { Vm = "db1", Address = "10.20.100.50" }], stored.Addresses);
    }

    [Fact]
    public async Task ReIp_HostAddressAsSubnet_ShowsTheFindingAtTheFieldAndSaveIsDisabled()
    {
        await SeedWithNetworkAsync();
        var cut = RenderPage();
        await cut.Find("[data-testid='plan-reip-add']").ClickAsync(new());
        await SetTextAsync(cut, "plan-reip-0-from", "10.10.100.0/24");

        await SetTextAsync(cut, "plan-reip-0-to", "10.20.100.5/24");

        var finding = cut.WaitForElement("[data-testid='plan-reip-0-findings'] [data-code='reip.bad-subnet']");
        Assert.Contains("'10.20.100.5/24' in plan 'core' is not a subnet in CIDR notation", finding.TextContent, StringComparison.Ordinal);
        Assert.Contains("plans[0].re_ip[0].recovery_subnet", finding.TextContent, StringComparison.Ordinal);
        var field = TextField(cut, "plan-reip-0-to");
        Assert.True(field.Instance.GetState(x => x.Error));
        Assert.Contains("the address part must be the subnet's first address", field.Instance.GetState(x => x.ErrorText), StringComparison.Ordinal);
        Assert.False(TextField(cut, "plan-reip-0-from").Instance.GetState(x => x.Error));
        Assert.True(cut.Find("[data-testid='plans-save']").HasAttribute("disabled"));
        Assert.Contains("Fix the 1 error to save.", cut.Find("[data-testid='plans-save-blocked']").TextContent, StringComparison.Ordinal);

        await SetTextAsync(cut, "plan-reip-0-to", "10.20.100.0/24");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='plan-reip-0-findings']")));
        Assert.False(cut.Find("[data-testid='plans-save']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Probe_AddTcpProbeThenFixABadTarget_SavedWithTheVm()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        var cut = RenderPage();
        cut.WaitForElement("[data-testid='plan-lane-1'] [data-vm='db1']").Click();

        await cut.InvokeAsync(() => Select<string>(cut, "plan-vm-probe-kind").Instance.ValueChanged.InvokeAsync("tcp"));
        await SetTextAsync(cut, "plan-vm-probe-target", "db1.example.com");

        cut.WaitForAssertion(() => Assert.True(TextField(cut, "plan-vm-probe-target").Instance.GetState(x => x.Error)));
        Assert.Contains("is not host:port", TextField(cut, "plan-vm-probe-target").Instance.GetState(x => x.ErrorText), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid='plan-vm-findings'] [data-code='probe.bad-target']"));
        Assert.True(cut.Find("[data-testid='plans-save']").HasAttribute("disabled"));

        await SetTextAsync(cut, "plan-vm-probe-target", "db1.example.com:5432");
        var timeout = cut.FindComponents<MudNumericField<int?>>().Single(f => TestId(f.Instance.UserAttributes) == "plan-vm-probe-timeout");
        await cut.InvokeAsync(() => timeout.Instance.ValueChanged.InvokeAsync(60));

        cut.WaitForAssertion(() => Assert.Equal("0 errors", cut.Find("[data-testid='plans-errors']").TextContent.Trim()));
        await cut.Find("[data-testid='plans-save']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.StartsWith("Version 2,", cut.Find("[data-testid='plans-version']").TextContent, StringComparison.Ordinal));
        var probe = (await _plans.GetCurrentAsync())!.Document.FindPlan("core")!.FindVm("db1")!.Probe;
        Assert.Equal(new VmProbe { Kind = VmProbeKind.Tcp, Target = "db1.example.com:5432", TimeoutSeconds = 60 }, probe);

        await cut.InvokeAsync(() => Select<string>(cut, "plan-vm-probe-kind").Instance.ValueChanged.InvokeAsync("none"));

        cut.WaitForAssertion(() => Assert.Null(cut.Instance.ViewModel.Plan("core")!.FindVm("db1")!.Probe));
        Assert.DoesNotContain(cut.FindComponents<MudTextField<string>>(), f => TestId(f.Instance.UserAttributes) == "plan-vm-probe-target");
    }

    [Fact]
    public async Task DrillSchedule_UnknownZoneShownAtTheField_ThenSavedWithItsCleanupTime()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        var cut = RenderPage();
        cut.WaitForElement("[data-testid='plan-editor']");

        await SetTextAsync(cut, "plan-drill-cron", "0 3 * * 6");
        await SetTextAsync(cut, "plan-drill-zone", "Mars/Olympus");

        cut.WaitForAssertion(() => Assert.True(TextField(cut, "plan-drill-zone").Instance.GetState(x => x.Error)));
        Assert.Contains("'Mars/Olympus' of plan 'core' is not a time zone this host knows", TextField(cut, "plan-drill-zone").Instance.GetState(x => x.ErrorText), StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid='plans-save']").HasAttribute("disabled"));

        await SetTextAsync(cut, "plan-drill-zone", "Europe/Berlin");
        var cleanup = cut.FindComponents<MudNumericField<int?>>().Single(f => TestId(f.Instance.UserAttributes) == "plan-drill-cleanup");
        await cut.InvokeAsync(() => cleanup.Instance.ValueChanged.InvokeAsync(45));
        // Changing the cron expression keeps the zone and the cleanup time.
        await SetTextAsync(cut, "plan-drill-cron", "30 2 * * 6");

        cut.WaitForAssertion(() => Assert.Equal("0 errors", cut.Find("[data-testid='plans-errors']").TextContent.Trim()));
        Assert.Contains("applies once the plans are saved", cut.Find("[data-testid='plan-drill-next']").TextContent, StringComparison.Ordinal);
        await cut.Find("[data-testid='plans-save']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("Version 2,", cut.Find("[data-testid='plans-version']").TextContent, StringComparison.Ordinal));
        Assert.Equal(new DrillSchedule { Cron = "30 2 * * 6", TimeZone = "Europe/Berlin", CleanupAfterMinutes = 45 },
            (await _plans.GetCurrentAsync())!.Document.FindPlan("core")!.Drill);
        // Saturday 5 December 02:30 in Berlin (UTC+1) is 01:30 UTC.
        cut.WaitForAssertion(() => Assert.StartsWith("Next drill 2026-12-05 01:30 UTC (schedule '30 2 * * 6', Europe/Berlin)",
            cut.Find("[data-testid='plan-drill-next']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rename_ReservedAndTakenNamesShownInline_ThenRenamedKeepingItsVmsAndSteps()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        var cut = RenderPage();
        cut.WaitForElement("[data-testid='plan-lane-1'] [data-vm='db1']");
        await cut.InvokeAsync(() => cut.Instance.ViewModel.AddPlan("edge"));
        await cut.Find("[data-testid='plan-rename']").ClickAsync(new());

        await SetTextAsync(cut, "plan-rename-name", "export");
        cut.WaitForAssertion(() => Assert.Contains("'export' is a word the API uses itself", TextField(cut, "plan-rename-name").Instance.GetState(x => x.ErrorText), StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid='plan-rename-apply']").HasAttribute("disabled"));

        await SetTextAsync(cut, "plan-rename-name", "EDGE");
        cut.WaitForAssertion(() => Assert.Contains("Two plans are called 'EDGE'", TextField(cut, "plan-rename-name").Instance.GetState(x => x.ErrorText), StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid='plan-rename-apply']").HasAttribute("disabled"));
        Assert.Contains("Runs, drills and history recorded under 'core' keep that name", cut.Find("[data-testid='plan-rename-help']").TextContent, StringComparison.Ordinal);

        await SetTextAsync(cut, "plan-rename-name", "core-dr");
        await cut.Find("[data-testid='plan-rename-apply']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("core-dr", cut.Find("[data-testid='plan-editor']").GetAttribute("data-plan")));
        Assert.Empty(cut.FindAll("[data-testid='plan-rename-form']"));
        Assert.Equal(2, cut.FindAll("[data-testid='plan-lane-1'] [data-testid='plan-vm']").Count);
        Assert.NotNull(cut.Find("[data-testid='plans-row-core-dr']"));
        Assert.Empty(cut.FindAll("[data-testid='plans-row-core']"));
        await cut.InvokeAsync(() => cut.Instance.ViewModel.RemovePlan("edge"));
        cut.Render();
        await cut.Find("[data-testid='plans-save']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("Version 2,", cut.Find("[data-testid='plans-version']").TextContent, StringComparison.Ordinal));
        var document = (await _plans.GetCurrentAsync())!.Document;
        Assert.Null(document.FindPlan("core"));
        var renamed = document.FindPlan("core-dr")!;
        var original = PlanPageFixture.Document.FindPlan("core")!;
        Assert.Equal(original with { Name = "core-dr" }, renamed);
    }

    [Fact]
    public async Task Drills_ListedNewestFirstWithResultsReasonsAndRunLinks_AndTheNextOccurrence()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        var withDrill = PlanPageFixture.Document with
        {
            Plans = [PlanPageFixture.Document.Plans[0] with { Drill = new DrillSchedule { Cron = "0 3 * * 6" } }],
        };
        await _plans.SaveAsync(withDrill, [], "test", "drill on Saturdays");
        await _drills.AddAsync(new DrillRecord
        {
            Plan = "core", ScheduledAt = Now.AddDays(-11), RequestedBy = DrillRunner.SchedulerActor.Name, Result = DrillResult.Succeeded,
            TestRunId = "run-a", CleanupRunId = "run-b", VmsVerified = 3, VmsFailed = 0,
        });
        await _drills.AddAsync(new DrillRecord
        {
            Plan = "core", ScheduledAt = Now.AddDays(-4), RequestedBy = DrillRunner.SchedulerActor.Name, Result = DrillResult.Skipped,
            Reason = "another run is active",
        });
        await _drills.AddAsync(new DrillRecord
        {
            Plan = "core", ScheduledAt = Now.AddDays(-18), RequestedBy = "alice", Result = DrillResult.Failed,
            Reason = "2 VMs were not verified", TestRunId = "run-c", VmsVerified = 1, VmsFailed = 2,
        });
        await _drills.AddAsync(new DrillRecord { Plan = "other", ScheduledAt = Now, RequestedBy = "alice", Result = DrillResult.Running });

        var cut = RenderPage();

        var rows = cut.WaitForElements("[data-testid='plan-drill']");
        Assert.Equal(["skipped", "succeeded", "failed"], rows.Select(r => r.GetAttribute("data-result")));
        var table = cut.Find(".plan-drills-table");
        var lines = table.QuerySelectorAll("tbody tr");
        Assert.Equal("2026-11-28 12:00 UTC", lines[0].QuerySelector("[data-testid='plan-drill']")!.TextContent.Trim());
        Assert.Equal("another run is active", lines[0].QuerySelector(".plan-drill-reason")!.TextContent);
        Assert.Empty(lines[0].QuerySelectorAll("a"));
        Assert.Equal("/runs/run-a", lines[1].QuerySelector("a.plan-drill-test-run")!.GetAttribute("href"));
        Assert.Equal("/runs/run-b", lines[1].QuerySelector("a.plan-drill-cleanup-run")!.GetAttribute("href"));
        Assert.Contains("3 verified", lines[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("/runs/run-c", lines[2].QuerySelector("a.plan-drill-test-run")!.GetAttribute("href"));
        Assert.Contains("1 verified, 2 failed", lines[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 VMs were not verified", lines[2].TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Next drill 2026-12-05 03:00 UTC (schedule '0 3 * * 6', UTC)", cut.Find("[data-testid='plan-drill-next']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drills_SchedulerSwitchedOff_TheNextLineSaysTheScheduleDoesNotRun()
    {
        Services.Configure<DrillOptions>(o => o.Enabled = false);
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        var withDrill = PlanPageFixture.Document with
        {
            Plans = [PlanPageFixture.Document.Plans[0] with { Drill = new DrillSchedule { Cron = "0 3 * * 6" } }],
        };
        await _plans.SaveAsync(withDrill, [], "test", "drill on Saturdays");

        var cut = RenderPage();

        var next = cut.WaitForElement("[data-testid='plan-drill-next']").TextContent;
        Assert.StartsWith("Scheduled drills are switched off on this console (RhvDr:Drills:Enabled is false): the schedule '0 3 * * 6' (UTC) does not run", next, StringComparison.Ordinal);
        Assert.DoesNotContain("Next drill", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drills_PlanWithoutDrills_SaysSo()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);

        var cut = RenderPage();

        Assert.Contains("No drill of plan 'core' is recorded yet.", cut.WaitForElement("[data-testid='plan-drills-none']").TextContent, StringComparison.Ordinal);
        Assert.Equal("No drill is scheduled in the active version.", cut.Find("[data-testid='plan-drill-next']").TextContent.Trim());
    }

    private IRenderedComponent<PlansPage> RenderPage()
    {
        RenderProviders();
        var cut = Render<PlansPage>();
        cut.WaitForElement("[data-testid='plan-editor']");
        return cut;
    }

    /// <summary>The fixture's plans with a mapping that also maps the primary network "prod", the network a re-IP rule needs.</summary>
    private async Task SeedWithNetworkAsync()
    {
        await PlanPageFixture.SeedAsync(_mappings, _plans, Store);
        await _mappings.SaveAsync(PlanPageFixture.Mapping with
        {
            Networks = [new NetworkMapping(new NetworkSide("prod", "prod", null, null), new NetworkSide("prod-dr", "prod-dr", null, null))],
        }, [], "test", null);
        // The plans are saved again against the new mapping, so the page starts from a version checked against it.
        await _plans.SaveAsync(PlanPageFixture.Document, [], "test", "mapping with networks");
    }

    private static IRenderedComponent<MudTextField<string>> TextField(IRenderedComponent<PlansPage> cut, string testId) =>
        cut.FindComponents<MudTextField<string>>().Single(f => TestId(f.Instance.UserAttributes) == testId);

    private static IRenderedComponent<MudSelect<T>> Select<T>(IRenderedComponent<PlansPage> cut, string testId) =>
        cut.FindComponents<MudSelect<T>>().Single(s => TestId(s.Instance.UserAttributes) == testId);

    private static async Task SetTextAsync(IRenderedComponent<PlansPage> cut, string testId, string value)
    {
        var field = TextField(cut, testId);
        await cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(value));
    }

    private static string? TestId(IDictionary<string, object?> attributes) =>
        attributes.TryGetValue("data-testid", out var id) ? id as string : null;
}
