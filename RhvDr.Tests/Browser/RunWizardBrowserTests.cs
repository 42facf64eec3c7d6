using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(BrowserCollection.Name)]
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

        // Preflight: mapping and readiness are shown; override only when something blocks.
        await Expect(page.Locator(".wizard-readiness")).ToBeVisibleAsync(Loaded);
        await Expect(page.Locator(".wizard-mapping")).ToBeVisibleAsync();
        if (await page.Locator(".wizard-blockers").IsVisibleAsync())
        {
            await page.Locator(".wizard-override textarea").FillAsync("Lab rehearsal of a planned failover");
        }

        await page.Locator(".wizard-next").ClickAsync();

        // Plan: domains in import order and start waves.
        await Expect(page.Locator(".wizard-plan-domain").First).ToBeVisibleAsync();
        await Expect(page.Locator(".wizard-plan-wave").First).ToBeVisibleAsync();
        await page.Locator(".wizard-next").ClickAsync();

        // Confirm and start.
        await page.Locator(".wizard-start").ClickAsync();

        // Assert: the run page follows the run to success; its HTML report lists the VMs.
        await Expect(page).ToHaveURLAsync(RunUrl(), new() { Timeout = 30_000 });
        await Expect(page.Locator(".run-status")).ToHaveTextAsync("succeeded", new() { Timeout = 90_000 });
        var report = await page.RunAndWaitForPopupAsync(() => page.Locator(".run-report-html").ClickAsync());
        await Expect(report.Locator("h2", new() { HasText = "VMs" })).ToBeVisibleAsync();
        var vmRows = report.Locator("table").Last.Locator("tr");
        await Expect(vmRows.Nth(1)).ToBeVisibleAsync();
        Assert.True(await vmRows.CountAsync() > 2, "the report's VM table lists the VMs");
        await Expect(report.Locator("table").Last).ToContainTextAsync("ok");
    }

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
