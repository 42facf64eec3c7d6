using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Lab.Control;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WallBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Wall_SiteGoesDown_ShowsTheIncidentWithoutInteraction()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(Wall_SiteGoesDown_ShowsTheIncidentWithoutInteraction), () => RunAsync(page));
    }

    private async Task RunAsync(IPage page)
    {
        // Arrange: the wall on a healthy estate, no navigation chrome.
        await page.OpenAsync("/wall");
        await Expect(page.Locator(".wall-site[data-site='primary'][data-health='Ok']")).ToBeVisibleAsync(Live);
        await Expect(page.Locator(".rhvdr-nav")).ToHaveCountAsync(0);

        // Act: the primary site goes dark (nobody touches the wall).
        await _console.Services.GetRequiredService<ILabControl>().SetSiteDownAsync("primary");

        // Assert
        var incident = page.Locator(".wall-incident[data-kind='EngineUnreachable']");
        await Expect(incident).ToBeVisibleAsync(Live);
        await Expect(incident).ToContainTextAsync("unreachable");
        await Expect(page.Locator(".wall-site[data-site='primary'][data-health='Critical']")).ToBeVisibleAsync(Live);
        await Expect(page.Locator(".wall-next")).ToContainTextAsync("Start disaster failover");
        await Expect(page.Locator(".wall-screen [data-testid='dr-state'][data-state='siteLost']")).ToBeVisibleAsync(Live);
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
