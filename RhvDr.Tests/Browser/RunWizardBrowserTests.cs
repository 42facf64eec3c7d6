using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Core.Monitoring;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Plans;
using RhvDr.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(RunBrowserCollection.Name)]
public sealed partial class RunWizardBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Loaded = new() { Timeout = 60_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Wizard_PlannedFailoverClickedThrough_RunSucceedsAndReportListsVms()
    {
        // Arrange: the console on the embedded lab.
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(Wizard_PlannedFailoverClickedThrough_RunSucceedsAndReportListsVms), () => RunAsync(page));
    }

    private static async Task RunAsync(IPage page)
    {
        // Act: choose a planned failover.
        await page.OpenAsync("/runs/new");
        await page.Locator(".wizard-kind-failover").ClickAsync();
        await page.Locator(".wizard-mode-planned").ClickAsync();
        await Expect(page.Locator(".wizard-direction")).ToContainTextAsync("(primary) →");
        await page.Locator(".wizard-next").ClickAsync();

        // Preflight: the verdict first, then mapping and readiness; override only when something blocks.
        await Expect(page.Locator(".wizard-verdict")).ToBeVisibleAsync(Loaded);
        await Expect(page.Locator(".wizard-readiness")).ToBeVisibleAsync();
        await Expect(page.Locator(".wizard-mapping")).ToBeVisibleAsync();
        await Expect(page.Locator(".wizard-override")).ToHaveCountAsync(await page.Locator(".wizard-blockers").CountAsync());
        if (await page.Locator(".wizard-blockers").IsVisibleAsync())
        {
            await page.Locator(".wizard-override textarea").FillAsync("Lab rehearsal of a planned failover");
        }

        await page.Locator(".wizard-next").ClickAsync();

        // Plan: domains in import order and start waves.
        await Expect(page.Locator(".wizard-plan-domain").First).ToBeVisibleAsync();
        await Expect(page.Locator(".wizard-plan-wave").First).ToBeVisibleAsync();
        await page.Locator(".wizard-next").ClickAsync();

        // Confirm: the impact in words, and Start stays disabled until the source site's name is typed exactly.
        await Expect(page.Locator(".wizard-impact-shutdown")).ToContainTextAsync("running VM(s)");
        await Expect(page.Locator(".wizard-impact-downtime")).ToContainTextAsync("Expected downtime");
        var site = (await page.Locator(".wizard-confirm-expected").TextContentAsync())!;
        var start = page.Locator("button.wizard-start");
        await Expect(start).ToBeDisabledAsync();
        await page.Locator(".wizard-confirm-site input").FillAsync(site.ToUpperInvariant());
        await Expect(start).ToBeDisabledAsync();
        await page.Locator(".wizard-confirm-site input").FillAsync(site[..^1]);
        await Expect(start).ToBeDisabledAsync();
        await page.Locator(".wizard-confirm-site input").FillAsync(site);
        await Expect(start).ToBeEnabledAsync();
        await Expect(start).ToHaveClassAsync(StopsProductionButton());
        await start.ClickAsync();

        // Assert: the run page follows the run to success, ends with an outcome banner that leads to a failback; its HTML report lists the VMs.
        await Expect(page).ToHaveURLAsync(RunUrl(), new() { Timeout = 30_000 });
        await Expect(page.Locator(".run-status")).ToHaveTextAsync("succeeded", new() { Timeout = 90_000 });
        await Expect(page.Locator(".run-outcome[data-status='succeeded']")).ToBeVisibleAsync();
        await Expect(page.Locator(".run-follow-up")).ToHaveTextAsync("Fail back when ready");
        await Expect(page.Locator(".run-progress-text")).ToHaveTextAsync(VmsUp());
        var report = await page.RunAndWaitForPopupAsync(() => page.Locator(".run-report-html").ClickAsync());
        await Expect(report.Locator("h2", new() { HasText = "VMs" })).ToBeVisibleAsync();
        await Expect(report.Locator(".report-rto")).Not.ToHaveTextAsync("not measured");
        var vmRows = report.Locator(".report-vm");
        await Expect(vmRows.First).ToBeVisibleAsync();
        Assert.True(await vmRows.CountAsync() > 1, "the report's VM table lists the VMs");
        await Expect(report.Locator(".report-vm-result", new() { HasText = "up" }).First).ToBeVisibleAsync();
        await Expect(report.Locator(".report-vm-wave", new() { HasTextRegex = WaveZero() })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RunPage_TestFailoverToCompletion_ProgressIconsOutcomeAndCleanupFollowUp()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(RunPage_TestFailoverToCompletion_ProgressIconsOutcomeAndCleanupFollowUp), () => RunTestFailoverAsync(page));
    }

    private static async Task RunTestFailoverAsync(IPage page)
    {
        // Arrange: a test failover through the wizard; it says production is untouched and needs no typed name.
        await page.OpenAsync("/runs/new?kind=test");
        await Expect(page.Locator(".wizard-kind-test input")).ToBeCheckedAsync();
        await page.Locator(".wizard-next").ClickAsync();
        await Expect(page.Locator(".wizard-verdict")).ToBeVisibleAsync(Loaded);
        if (await page.Locator(".wizard-blockers").IsVisibleAsync())
        {
            await page.Locator(".wizard-override textarea").FillAsync("Lab rehearsal of a test failover");
        }

        await page.Locator(".wizard-next").ClickAsync();
        await Expect(page.Locator(".wizard-plan-domain").First).ToBeVisibleAsync();
        await page.Locator(".wizard-next").ClickAsync();
        await Expect(page.Locator(".wizard-confirm-impact")).ToContainTextAsync("touches nothing in production");
        await Expect(page.Locator(".wizard-confirm-site")).ToHaveCountAsync(0);

        // Act
        await page.Locator("button.wizard-start").ClickAsync();

        // Assert: progress bar and "X of Y VMs up", a coloured icon per step, and once done the outcome with its follow-up.
        await Expect(page).ToHaveURLAsync(RunUrl(), new() { Timeout = 30_000 });
        await Expect(page.Locator(".run-progress-bar")).ToBeVisibleAsync();
        await Expect(page.Locator(".run-outcome[data-status='succeeded']")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        var progress = (await page.Locator(".run-progress-text").TextContentAsync())!;
        Assert.Matches(VmsUp(), progress);
        await Expect(page.Locator(".run-outcome-text")).ToContainTextAsync($"succeeded in ");
        await Expect(page.Locator(".run-outcome-text")).ToContainTextAsync($": {progress}");
        await Expect(page.Locator(".run-outcome-measures")).ToContainTextAsync("RTO achieved");
        var steps = await page.Locator(".run-step").CountAsync();
        Assert.True(steps > 3, "the run page lists the test's steps");
        await Expect(page.Locator(".run-step .run-step-icon")).ToHaveCountAsync(steps);
        await Expect(page.Locator(".run-step-icon-succeeded")).ToHaveCountAsync(steps - await page.Locator(".run-step-icon-skipped").CountAsync());
        await Expect(page.Locator(".run-eta")).ToHaveCountAsync(0);

        var followUp = page.Locator(".run-follow-up");
        await Expect(followUp).ToHaveTextAsync("Clean up the test");
        await followUp.ClickAsync();
        await Expect(page).ToHaveURLAsync(CleanupWizardUrl());
        await Expect(page.Locator(".wizard-kind-cleanup input")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Wizard_PlanTestFailover_LanesFillAndRunSucceeds()
    {
        // Arrange: the example plans imported through the API, checked against the lab's seeded mapping and estate.
        using var http = _console.CreateApiClient();
        using (var mapping = await http.GetAsync("/api/mapping"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, mapping.StatusCode);
        }

        var inventory = _console.Services.GetRequiredService<IInventoryStore>();
        await WaitFor.ConditionAsync(() => inventory.Current.Find("primary")?.Inventory.Vms.Count > 0, "the primary site's first inventory");
        using (var put = await http.PutAsync("/api/plans?comment=browser", new StringContent(PlanFixtures.ExampleFor(_console.BaseAddress), Encoding.UTF8, "application/yaml")))
        {
            var saved = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(saved.GetProperty("isDraft").GetBoolean(), saved.ToString());
        }

        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(Wizard_PlanTestFailover_LanesFillAndRunSucceeds), () => RunPlanTestAsync(page));
    }

    private static async Task RunPlanTestAsync(IPage page)
    {
        // Act: a test failover of the plan core-services, chosen in the wizard.
        await page.OpenAsync("/runs/new?kind=test");
        await Expect(page.Locator(".wizard-kind-test input")).ToBeCheckedAsync();
        await page.Locator("[data-testid='wizard-plan-select']").ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "core-services" }).ClickAsync();

        // The plan's priority groups as lanes, with dependency and skip marks and its steps.
        await Expect(page.Locator("[data-testid='plan-lane-1'] [data-vm='prod-db-008'] .plan-vm-after")).ToContainTextAsync("after prod-db-002");
        await Expect(page.Locator("[data-testid='plan-lane-2'] [data-vm='prod-mq-016']")).ToContainTextAsync("+3 s");
        await Expect(page.Locator("[data-testid='plan-lane-3']")).Not.ToHaveAttributeAsync("data-count", "0");
        await Expect(page.Locator("[data-testid='wizard-plan-pre-steps']")).ToContainTextAsync("Replication split");
        await Expect(page.Locator("[data-testid='plan-lane-1-post']")).ToContainTextAsync("Database cluster check");

        await page.Locator(".wizard-next").ClickAsync();
        await Expect(page.Locator(".wizard-verdict")).ToBeVisibleAsync(Loaded);
        if (await page.Locator(".wizard-blockers").IsVisibleAsync())
        {
            await page.Locator(".wizard-override textarea").FillAsync("Lab rehearsal of a plan's test failover");
        }

        await page.Locator(".wizard-next").ClickAsync();
        await page.Locator(".wizard-next").ClickAsync();
        await page.Locator("button.wizard-start").ClickAsync();

        // Assert: the run page names the plan and fills its lanes until the run succeeds; a prompt on the way is answered.
        await Expect(page).ToHaveURLAsync(RunUrl(), new() { Timeout = 30_000 });
        await Expect(page.Locator(".run-plan")).ToContainTextAsync("core-services");
        await Expect(page.Locator("[data-testid='run-lanes']")).ToBeVisibleAsync();
        var finished = page.Locator(".run-outcome");
        var confirm = page.Locator("button.run-confirm");
        await Expect(finished.Or(confirm).First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        while (await confirm.IsVisibleAsync())
        {
            // The answered prompt leaves the page before the run goes on; only then can the next one, or the outcome, show.
            await confirm.ClickAsync();
            await Expect(confirm).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await Expect(finished.Or(confirm).First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        }

        await Expect(page.Locator(".run-outcome[data-status='succeeded']")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(page.Locator("[data-testid='run-lane-1'] [data-vm='prod-db-002']")).ToHaveAttributeAsync("data-state", "up");
        await Expect(page.Locator("[data-testid='run-lane-1']")).ToHaveAttributeAsync("data-waiting", "0");
    }

    [GeneratedRegex(@"\bwizard-start-stops-production\b")]
    private static partial Regex StopsProductionButton();

    [GeneratedRegex("^0$")]
    private static partial Regex WaveZero();

    [GeneratedRegex(@"/runs/new\?kind=cleanup$")]
    private static partial Regex CleanupWizardUrl();

    [GeneratedRegex(@"^[1-9]\d* of \d+ VMs up$")]
    private static partial Regex VmsUp();

    [GeneratedRegex(@"/runs/\d{8}-\d{6}-[0-9a-f]{6}$")]
    private static partial Regex RunUrl();

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        await _console.DisposeAsync();
    }
}
