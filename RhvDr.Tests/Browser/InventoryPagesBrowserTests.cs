using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class InventoryPagesBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;
    private IPage? _page;

    public async Task InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _console.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        _page = await _context.NewPageAsync();
    }

    [Fact]
    public async Task VmsPage_SearchTyped_ShowsOnlyMatchingVms()
    {
        var page = _page!;
        await page.OpenAsync("/vms");
        await Expect(page.Locator("tr.vm-row").First).ToBeVisibleAsync(Live);

        await page.Locator(".filter-search input").FillAsync("rec-util");

        // Only the recovery site's utility VMs remain, so the virtualized grid shows them all.
        await Expect(page.Locator("tr.vm-row").First.Locator(".cell-site[data-site='recovery']")).ToBeVisibleAsync(Live);
        var names = await page.Locator("tr.vm-row .cell-name").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.StartsWith("rec-util", name, StringComparison.Ordinal));
        await Expect(page.Locator(".grid-count .shown-count")).ToHaveTextAsync(names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task HostsPage_HostTakenDownInLab_ShowsNonResponsiveWithoutReload()
    {
        var page = _page!;
        await page.OpenAsync("/hosts");
        var host = page.Locator("tr.host-row", new() { HasText = "host-prod-03" });
        await Expect(host.Locator(".cell-status")).ToContainTextAsync("up", new() { Timeout = 30_000 });

        var lab = _console.Services.GetRequiredService<global::RhvDr.Lab.Control.ILabControl>();
        await lab.SetHostDownAsync("primary", "host-prod-03", down: true);

        await Expect(host.Locator(".cell-status")).ToContainTextAsync("non_responsive", new() { Timeout = 30_000 });
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
