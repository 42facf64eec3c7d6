using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Lab.Control;
using RhvDr.Tests.Integration;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

/// <summary>What the console looks like to someone reading it: stale sites everywhere, large type, paper.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LegibilityBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveCountOptions LiveCount = new() { Timeout = 30_000 };

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
    public async Task PrimaryOutage_AppBarAndGridsShowItsObjectsAsLastKnown_GreenAgainAfterRecovery()
    {
        var page = _page!;
        await FailureEvidence.RunAsync(page, nameof(PrimaryOutage_AppBarAndGridsShowItsObjectsAsLastKnown_GreenAgainAfterRecovery), async () =>
        {
            // Arrange: both sites live, the primary's chip in its level's colour (the lab's primary has a warning).
            await page.OpenAsync("/hosts");
            var siteChip = page.Locator("[data-site-status='primary'] .health-chip");
            await Expect(siteChip).ToHaveClassAsync(LevelColour(), new() { Timeout = 30_000 });
            await Expect(PrimaryChips(page, "host-row").First).ToBeVisibleAsync(Live);
            await Expect(page.Locator("[data-testid='grid-last-known']")).ToHaveCountAsync(0);
            var lab = _console.Services.GetRequiredService<ILabControl>();

            // Act: the primary engine goes dark; nobody reloads.
            await lab.SetSiteDownAsync("primary");

            // Assert: the app bar chip says how old its data is, and red, as the site is unreachable now.
            await Expect(page.Locator("[data-site-status='primary'][data-stale='true']")).ToBeVisibleAsync(Live);
            await Expect(siteChip).ToHaveClassAsync(new Regex("mud-chip-color-error"));
            await Expect(siteChip).ToContainTextAsync("last known");
            // The Hosts grid names the site and the age above the rows, and the primary's host chips are neutral.
            var alert = page.Locator("[data-testid='grid-last-known'][data-site='primary']");
            await Expect(alert).ToBeVisibleAsync(Live);
            await Expect(alert).ToContainTextAsync("last known");
            await Expect(PrimaryChips(page, "host-row").First).ToHaveAttributeAsync("data-stale", "true", new() { Timeout = 30_000 });
            await Expect(PrimaryChips(page, "host-row").First).ToHaveClassAsync(Neutral());
            await Expect(page.Locator("tr.host-row:has(.cell-site[data-site='primary']) .health-chip.mud-chip-color-success")).ToHaveCountAsync(0);
            await Expect(page.Locator("tr.host-row:has(.cell-site[data-site='recovery']) .health-chip.mud-chip-color-success").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid='grid-last-known'][data-site='recovery']")).ToHaveCountAsync(0);
            // The VMs grid alike.
            await page.GetByRole(AriaRole.Link, new() { Name = "VMs" }).ClickAsync();
            await Expect(page.Locator("[data-testid='grid-last-known'][data-site='primary']")).ToContainTextAsync("last known", new() { Timeout = 30_000 });
            await Expect(PrimaryChips(page, "vm-row").First).ToHaveAttributeAsync("data-stale", "true", new() { Timeout = 30_000 });
            await Expect(page.Locator("tr.vm-row:has(.cell-site[data-site='primary']) .health-chip.mud-chip-color-success")).ToHaveCountAsync(0);

            // Act: the engine answers again.
            await lab.SetSiteUpAsync("primary");

            // Assert: live again: no alert, the primary's VM and host chips and its app bar chip in colour.
            await Expect(page.Locator("[data-testid='grid-last-known']")).ToHaveCountAsync(0, LiveCount);
            await Expect(page.Locator("tr.vm-row:has(.cell-site[data-site='primary']) .health-chip.stale")).ToHaveCountAsync(0, LiveCount);
            await Expect(page.Locator("tr.vm-row:has(.cell-site[data-site='primary']) .health-chip.mud-chip-color-success").First).ToBeVisibleAsync(Live);
            await Expect(siteChip).Not.ToContainTextAsync("last known");
            await Expect(siteChip).ToHaveClassAsync(LevelColour(), new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-site-status='primary'][data-stale='true']")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Link, new() { Name = "Hosts" }).ClickAsync();
            await Expect(page.Locator("tr.host-row:has(.cell-site[data-site='primary']) .health-chip.mud-chip-color-success").First).ToBeVisibleAsync(Live);
        });
    }

    [Fact]
    public async Task LargeType_Switched_StatusChipsGrow()
    {
        var page = _page!;
        await FailureEvidence.RunAsync(page, nameof(LargeType_Switched_StatusChipsGrow), async () =>
        {
            // Arrange: Overview with normal type.
            await page.OpenAsync("/");
            var appBarChip = page.Locator("[data-site-status='primary'] .health-chip");
            var cardChip = page.Locator(".site-card[data-site='primary'] .site-health");
            await Expect(cardChip).ToBeVisibleAsync(Live);
            await Expect(page.Locator("html.wall")).ToHaveCountAsync(0);
            var (barFont, barHeight) = await SizeOfAsync(appBarChip);
            var (cardFont, _) = await SizeOfAsync(cardChip);

            // Act
            await page.Locator(".wall-toggle").ClickAsync();

            // Assert: the chips grow with the type, text and box.
            await Expect(page.Locator("html.wall")).ToHaveCountAsync(1, LiveCount);
            var (largeBarFont, largeBarHeight) = await SizeOfAsync(appBarChip);
            var (largeCardFont, _) = await SizeOfAsync(cardChip);
            Assert.True(largeBarFont >= barFont * 1.2, $"app bar chip font {barFont}px became {largeBarFont}px with large type");
            Assert.True(largeBarHeight >= barHeight * 1.2, $"app bar chip height {barHeight}px became {largeBarHeight}px with large type");
            Assert.True(largeCardFont >= cardFont * 1.2, $"site card chip font {cardFont}px became {largeCardFont}px with large type");
        });
    }

    [Fact]
    public async Task ReadinessReport_PrintedFromTheDarkTheme_HasDarkLabelsOnWhite()
    {
        var page = _page!;
        await FailureEvidence.RunAsync(page, nameof(ReadinessReport_PrintedFromTheDarkTheme_HasDarkLabelsOnWhite), async () =>
        {
            // Arrange: the report in the dark theme (the console's default), where labels are light grey on dark.
            await page.OpenAsync("/readiness/report");
            var label = page.Locator(".number-label").First;
            await Expect(label).ToBeVisibleAsync(Live);
            var screenLabel = Luminance(await ColourOfAsync(label, "color"));
            Assert.True(screenLabel > 0.3, $"the dark theme shows labels light on screen (luminance {screenLabel:0.00})");

            // Act
            await page.EmulateMediaAsync(new() { Media = Media.Print });

            // Assert: dark labels and headings on white paper; no app bar.
            var printedLabel = Luminance(await ColourOfAsync(label, "color"));
            Assert.True(printedLabel < 0.1, $"a printed label's colour has luminance {printedLabel:0.00}; it must be dark");
            var heading = Luminance(await ColourOfAsync(page.Locator(".readiness-report h1"), "color"));
            Assert.True(heading < 0.05, $"the printed heading's luminance is {heading:0.00}");
            var background = await BackgroundBehindAsync(label);
            Assert.True(Luminance(background) > 0.95, $"the printed page's background is {background}; it must be white");
            Assert.True(Luminance(await ColourOfAsync(page.Locator("body"), "background-color")) > 0.95);
            await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
            await Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
        });
    }

    private static ILocator PrimaryChips(IPage page, string rowClass) =>
        page.Locator($"tr.{rowClass}:has(.cell-site[data-site='primary']) .cell-status .health-chip");

    private static Regex LevelColour() => LevelColourPattern();

    private static Regex Neutral() => NeutralPattern();

    [GeneratedRegex(@"\bmud-chip-color-(success|warning|error)\b")]
    private static partial Regex LevelColourPattern();

    [GeneratedRegex(@"\bmud-chip-color-default\b")]
    private static partial Regex NeutralPattern();

    private static async Task<(double Font, double Height)> SizeOfAsync(ILocator chip)
    {
        var font = await chip.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        var box = await chip.BoundingBoxAsync() ?? throw new InvalidOperationException("The chip is not on screen.");
        return (double.Parse(font.Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), box.Height);
    }

    private static Task<string> ColourOfAsync(ILocator element, string property) =>
        element.EvaluateAsync<string>($"e => getComputedStyle(e).getPropertyValue('{property}')");

    // The first opaque background from the element up: what the text is printed on.
    private static Task<string> BackgroundBehindAsync(ILocator element) =>
        element.EvaluateAsync<string>("""
            e => {
                for (let n = e; n; n = n.parentElement) {
                    const c = getComputedStyle(n).backgroundColor;
                    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
                }
                return 'rgb(255, 255, 255)';
            }
            """);

    /// <summary>WCAG relative luminance of a computed CSS colour, "rgb(r, g, b)" or "rgba(r, g, b, a)".</summary>
    private static double Luminance(string colour)
    {
        var parts = ColourPattern().Match(colour);
        Assert.True(parts.Success, $"'{colour}' is not an rgb() colour");
        double Channel(int i)
        {
            var c = double.Parse(parts.Groups[i].Value, CultureInfo.InvariantCulture) / 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    [GeneratedRegex(@"rgba?\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)")]
    private static partial Regex ColourPattern();

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        await _console.DisposeAsync();
    }
}
