using Microsoft.Playwright;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(RunBrowserCollection.Name)]
public sealed class SiteOutageBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Overview_SiteTakenDownInLabPanel_TurnsUnreachableThenRecovers()
    {
        // Arrange: the console on the embedded lab, both sites connected.
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(Overview_SiteTakenDownInLabPanel_TurnsUnreachableThenRecovers), () => RunAsync(page));
    }

    private static async Task RunAsync(IPage page)
    {
        await page.OpenAsync("/");
        var primary = page.Locator("[data-site='primary'] .engine-status");
        var recovery = page.Locator("[data-site='recovery'] .engine-status");
        await Expect(primary).ToHaveTextAsync("Connected", Live);
        await Expect(recovery).ToHaveTextAsync("Connected", Live);

        // Act: stage an outage of the primary site in the Lab panel.
        await page.GetByRole(AriaRole.Link, new() { Name = "Lab" }).ClickAsync();
        await page.Locator("[data-testid='lab-down-primary']").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();

        // Assert: the primary turns unreachable without a reload, the recovery site stays connected.
        await Expect(primary).ToHaveTextAsync("Unreachable", Live);
        await Expect(recovery).ToHaveTextAsync("Connected");

        // Act: bring it back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Lab" }).ClickAsync();
        await page.Locator("[data-testid='lab-up-primary']").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();

        // Assert
        await Expect(primary).ToHaveTextAsync("Connected", Live);
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        await _console.DisposeAsync();
    }
}
