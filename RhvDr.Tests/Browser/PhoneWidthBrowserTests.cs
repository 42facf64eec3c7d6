using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Core.Recovery;
using RhvDr.Core.Security;
using RhvDr.Lab.Control;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

[Collection(RunBrowserCollection.Name)]
public sealed class PhoneWidthBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PhoneWidth_OutageAndRun_NoPageWiderThanTheScreenAndTheLostSiteChipOnScreen()
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _console.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(PhoneWidth_OutageAndRun_NoPageWiderThanTheScreenAndTheLostSiteChipOnScreen), () => RunAsync(page));
    }

    private async Task RunAsync(IPage page)
    {
        // Arrange: a run page (a test run at the recovery site) on a healthy estate.
        await page.OpenAsync("/");
        var started = await _console.Services.GetRequiredService<IRecoveryRunner>().StartAsync(
            new RunRequest(RunKind.Test, RunMode.Planned, null, "Phone layout check",
                new Actor(ConsoleAppFactory.AdminUser, Role.Administrator, "test")),
            CancellationToken.None);
        await page.OpenAsync($"/runs/{started.Run.Id}");
        await Expect(page.Locator(".run-status")).ToBeVisibleAsync(Live);
        await AssertFitsAsync(page, "run page");
        // The run's actions and report links are within reach, whether it still runs or has already ended.
        await AssertRunActionsOnScreenAsync(page);
        await AssertOnScreenAsync(page, page.Locator(".run-report-json"), "the run's JSON report link");

        // Act: the primary site goes dark.
        await _console.Services.GetRequiredService<ILabControl>().SetSiteDownAsync("primary");

        // Assert: Overview, Incidents (with the HA restart table), the wall: no sideways scrolling, lost site first.
        await page.OpenAsync("/");
        await Expect(page.Locator("[data-testid='dr-state'][data-state='siteLost']")).ToBeVisibleAsync(Live);
        var worst = page.Locator(".site-status-bar .site-status").First;
        await Expect(worst).ToHaveAttributeAsync("data-site-status", "primary", new() { Timeout = 30_000 });
        // The lost site's chip is neutral and says why, in words: its data is the last known inventory.
        await Expect(worst.Locator(".health-chip[data-health='Critical']")).ToBeVisibleAsync(Live);
        await Expect(worst).ToContainTextAsync("unreachable, last known", new() { Timeout = 30_000 });
        await AssertOnScreenAsync(page, worst, "the lost site's app-bar chip");
        await AssertFitsAsync(page, "Overview");

        await page.OpenAsync("/incidents");
        await Expect(page.Locator(".ha-vms tr[data-vm]").First).ToBeVisibleAsync(Live);
        await AssertOnScreenAsync(page, page.Locator(".site-status-bar .site-status[data-site-status='primary']"), "the lost site's app-bar chip");
        await AssertFitsAsync(page, "Incidents");
        var rowHeight = await page.Locator(".ha-vms tr[data-vm]").First.EvaluateAsync<double>("r => r.getBoundingClientRect().height");
        Assert.True(rowHeight < 60, $"An HA restart row is {rowHeight.ToString(CultureInfo.InvariantCulture)} px tall: VM names wrap.");

        await page.OpenAsync("/wall");
        await Expect(page.Locator(".wall-site[data-site='primary'][data-health='Critical']")).ToBeVisibleAsync(Live);
        await AssertFitsAsync(page, "the wall");
    }

    [Fact]
    public async Task PhoneWidth_RunWaitingForTheStorageAdmin_FitsTheScreenAndCancelOnScreenCancelsIt()
    {
        // Manual replication: the test run stops at the storage admin's prompt and stays live until someone acts.
        _console.Settings["RhvDr:Recovery:Replication"] = "manual";
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _console.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, nameof(PhoneWidth_RunWaitingForTheStorageAdmin_FitsTheScreenAndCancelOnScreenCancelsIt), () => LiveRunAsync(page));
    }

    private async Task LiveRunAsync(IPage page)
    {
        // Arrange: a test run waiting at its prompt, opened on a phone.
        await page.OpenAsync("/");
        var runner = _console.Services.GetRequiredService<IRecoveryRunner>();
        var started = await runner.StartAsync(
            new RunRequest(RunKind.Test, RunMode.Planned, null, "Phone cancel check",
                new Actor(ConsoleAppFactory.AdminUser, Role.Administrator, "test")),
            CancellationToken.None);
        await page.OpenAsync($"/runs/{started.Run.Id}");
        await Expect(page.Locator(".run-prompt-text")).ToBeVisibleAsync(Live);
        Assert.Equal(RunStatus.Waiting, (await runner.GetAsync(started.Run.Id, CancellationToken.None))?.Run.Status);

        // Assert: the live page, prompt and all, is no wider than the screen, and Cancel is on it and clickable.
        await AssertFitsAsync(page, "the page of a run waiting at its prompt");
        // Cancel, shown while the run is live, and the report links are all within reach.
        await AssertRunActionsOnScreenAsync(page);
        var cancel = page.Locator(".run-summary .run-cancel");
        await Expect(cancel).ToBeEnabledAsync();
        await AssertOnScreenAsync(page, cancel, "the Cancel button");
        var hit = await cancel.EvaluateAsync<bool>("b => { const r = b.getBoundingClientRect(); const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return b === top || b.contains(top); }");
        Assert.True(hit, "Something covers the Cancel button at its centre: a tap would not reach it.");

        // Act: cancel from the phone (the page asks no confirmation).
        await cancel.ClickAsync();

        // Assert: the run ends cancelled, on the page and in the runner.
        await Expect(page.Locator(".run-outcome[data-status='cancelled']")).ToBeVisibleAsync(Live);
        Assert.Equal(RunStatus.Cancelled, (await runner.GetAsync(started.Run.Id, CancellationToken.None))?.Run.Status);
        await AssertFitsAsync(page, "the cancelled run's page");
    }

    /// <summary>
    /// Every button and link of the run's summary is inside the screen. Read in one pass: a run that ends between two reads
    /// takes its Pause and Cancel with it.
    /// </summary>
    private static async Task AssertRunActionsOnScreenAsync(IPage page)
    {
        var actions = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.run-summary .mud-button-root, .run-summary a')].map(e => {
                const r = e.getBoundingClientRect();
                const inside = r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
                return `${inside ? 'on screen' : 'OFF SCREEN'}: '${e.textContent.trim()}' at (${[r.left, r.top, r.right, r.bottom].map(Math.round)}) in ${innerWidth}×${innerHeight}`;
            })
            """);
        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.StartsWith("on screen", action, StringComparison.Ordinal));
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1])
        {
            // Names the outermost elements that reach past the screen's right edge, to say what to fix.
            var culprits = await page.EvaluateAsync<string[]>(@"() => [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
                .slice(0, 8).map(e => e.parentElement.parentElement.className + ' > ' + e.parentElement.className + ' > ' + e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' right=' + Math.round(e.getBoundingClientRect().right))");
            Assert.Fail($"{what} is {widths[0]} px wide on a {widths[1]} px screen: {string.Join("; ", culprits)}");
        }
    }

    private static async Task AssertOnScreenAsync(IPage page, ILocator element, string what)
    {
        var box = await element.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, window.innerWidth, window.innerHeight]; }");
        Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] <= box[4] && box[3] <= box[5],
            $"{what} is at ({string.Join(", ", box.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))}), not inside the {box[4]}×{box[5]} screen.");
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
