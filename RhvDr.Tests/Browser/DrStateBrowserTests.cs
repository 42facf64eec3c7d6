using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Lab.Control;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(RunBrowserCollection.Name)]
public sealed class DrStateBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveCountOptions LiveCount = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Outage_PrimaryLostThenBackWithVmsDown_BannerLeadsToFailoverThenToStartingTheVms()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _console.BaseAddress.ToString() });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(Outage_PrimaryLostThenBackWithVmsDown_BannerLeadsToFailoverThenToStartingTheVms), () => RunAsync(page));
    }

    private async Task RunAsync(IPage page)
    {
        var lab = _console.Services.GetRequiredService<ILabControl>();
        var banner = page.Locator("[data-testid='dr-state']");
        var action = page.Locator("[data-testid='dr-state-action']");

        // Arrange: an operator (the administrator) on the Overview of a healthy estate.
        await page.OpenAsync("/");
        await Expect(page.Locator("[data-testid='dr-state'][data-state='normal']")).ToBeVisibleAsync(Live);

        // Act: the primary site loses power.
        await lab.SetSiteDownAsync("primary");

        // Assert: the banner says the site is lost and offers the prefilled disaster failover.
        await Expect(page.Locator("[data-testid='dr-state'][data-state='siteLost']")).ToBeVisibleAsync(Live);
        await Expect(banner).ToContainTextAsync("Site lost");
        await Expect(action).ToHaveTextAsync("Start disaster failover");
        await Expect(action).ToHaveAttributeAsync("href", "/runs/new?kind=failover&mode=disaster&source=primary");

        // Act: the power comes back; the VMs that are not highly available stay down.
        await lab.SetSiteUpAsync("primary");

        // Assert: not "all systems normal": the banner and the primary's card say VMs are still down.
        await Expect(page.Locator("[data-testid='dr-state'][data-state='degraded']")).ToBeVisibleAsync(Live);
        await Expect(banner).ToContainTextAsync("VMs that ran before the outage are still down");
        var summary = page.Locator(".site-card[data-site='primary'] .site-summary");
        await Expect(summary).ToContainTextAsync("still down", new() { Timeout = 30_000 });
        await Expect(summary).Not.ToHaveTextAsync("All systems normal");
        await Expect(page.Locator("[data-site-status='primary']")).ToContainTextAsync("Prod (primary): Warning");

        // Act: follow the banner to the incident and its list.
        await action.ClickAsync();
        var incident = page.Locator(".incident-list [data-kind='VmsStillDown'][data-open='true']");
        await Expect(incident).ToBeVisibleAsync(Live);
        await incident.ClickAsync();
        await Expect(page.Locator(".still-down-vms tr[data-vm]").First).ToBeVisibleAsync(Live);

        // Act: one click starts them.
        await page.Locator("[data-testid='start-still-down']").ClickAsync();

        // Assert: once they run the incident closes by itself, and the banner is back to normal.
        await Expect(incident).ToHaveCountAsync(0, LiveCount);
        await Expect(page.Locator("[data-testid='dr-state'][data-state='normal']")).ToBeVisibleAsync(Live);
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
