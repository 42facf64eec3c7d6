using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Lab.Control;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(RunBrowserCollection.Name)]
public sealed class WallBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    private readonly List<string> _policyViolations = [];

    [Fact]
    public async Task Wall_SiteGoesDown_ShowsTheIncidentAndLastKnownNumbersWithoutInteraction()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        // The browser reports a blocked script or style as a console message naming the Content Security Policy.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _policyViolations.Add(message.Text);
            }
        };
        await FailureEvidence.RunAsync(page, nameof(Wall_SiteGoesDown_ShowsTheIncidentAndLastKnownNumbersWithoutInteraction), () => RunAsync(page));
    }

    private async Task RunAsync(IPage page)
    {
        // Arrange: the wall on a healthy estate, no navigation chrome, live numbers.
        await page.OpenAsync("/wall");
        await Expect(page.Locator(".wall-site[data-site='primary'][data-health='Ok']")).ToBeVisibleAsync(Live);
        await Expect(page.Locator(".rhvdr-nav")).ToHaveCountAsync(0);
        await Expect(page.Locator(".wall-site[data-site='primary'] .wall-site-last-known")).ToHaveCountAsync(0);
        Assert.Empty(_policyViolations);
        var favicon = await page.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, favicon.Status);

        // Act: the primary site goes dark (nobody touches the wall).
        await _console.Services.GetRequiredService<ILabControl>().SetSiteDownAsync("primary");

        // Assert
        var incident = page.Locator(".wall-incident[data-kind='EngineUnreachable']");
        await Expect(incident).ToBeVisibleAsync(Live);
        await Expect(incident).ToContainTextAsync("unreachable");
        await Expect(page.Locator(".wall-site[data-site='primary'][data-health='Critical']")).ToBeVisibleAsync(Live);
        await Expect(page.Locator(".wall-next")).ToContainTextAsync("Start disaster failover");
        await Expect(page.Locator(".wall-screen [data-testid='dr-state'][data-state='siteLost']")).ToBeVisibleAsync(Live);
        // The lost site's counts are the last known inventory, and say so.
        await Expect(page.Locator(".wall-site[data-site='primary'][data-stale='true'] .wall-site-counts.stale-value")).ToBeVisibleAsync(Live);
        await Expect(page.Locator(".wall-site[data-site='primary'] .wall-site-last-known")).ToContainTextAsync("last known", new() { Timeout = 30_000 });
        await Expect(page.Locator(".wall-site[data-site='recovery'] .wall-site-last-known")).ToHaveCountAsync(0);

        // The Overview card of the lost site: "last known", greyed numbers, no green chip.
        await page.OpenAsync("/");
        var primary = page.Locator(".site-card[data-site='primary']");
        await Expect(primary.Locator("[data-testid='last-known']")).ToContainTextAsync("last known", new() { Timeout = 30_000 });
        await Expect(primary.Locator(".big-number.stale-value")).ToBeVisibleAsync(Live);
        await Expect(primary.Locator(".domain-status").First).ToBeVisibleAsync(Live);
        await Expect(primary.Locator(".domain-status.mud-chip-color-success")).ToHaveCountAsync(0);
        await Expect(page.Locator(".site-card[data-site='recovery'] [data-testid='last-known']")).ToHaveCountAsync(0);
        Assert.Empty(_policyViolations);
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
