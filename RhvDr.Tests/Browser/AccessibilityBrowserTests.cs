using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Core.Recovery;
using RhvDr.Core.Security;
using RhvDr.Tests.Integration;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RhvDr.Tests.Browser;

/// <summary>
/// Every console page, in the light and the dark theme, scanned with axe-core: no violation of impact serious or
/// critical (missing names, too little contrast, broken ARIA, duplicate ids...) may reach an operator.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private const int SelectorsPerViolation = 6;

    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };

    /// <summary>Each page with an element that shows its data has arrived, so the scan sees the page as people do.</summary>
    private static readonly (string Path, string Ready)[] SignedInPages =
    [
        ("/", ".site-card"),
        ("/hosts", "tr.host-row"),
        ("/storage", "tr.domain-row"),
        ("/vms", "tr.vm-row"),
        ("/incidents", ".incident-list, .no-incidents"),
        ("/readiness", ".finding"),
        ("/readiness/report", ".readiness-report h1"),
        ("/runs", "tr .run-link"),
        ("/runs/new", ".wizard-kind"),
        ("/runs/{run}", ".run-status"),
        ("/mapping", "[data-testid='mapping-header'][data-ready='true']"),
        ("/plans", "[data-testid='plans-header'][data-ready='true']"),
        ("/lab", ".lab-summary"),
        ("/audit", "[data-testid='audit-filters']"),
        ("/admin/users", ".users-table"),
        ("/admin/tokens", ".token-name"),
        ("/admin/credentials", ".credentials-table"),
        ("/admin/engines", ".engine-check-run"),
        ("/wall", ".wall-site"),
    ];

    private static readonly HashSet<string> Blocking = new(StringComparer.Ordinal) { "serious", "critical" };

    /// <summary>
    /// Elements a rule may not judge, each for a reason outside the console's markup. MudTable draws its own scroll
    /// container for a fixed-header grid and offers no way to make it focusable; the run's VM grid has no control
    /// inside it (the other grids have their sort buttons), so arrow keys cannot reach its scrollbar.
    /// </summary>
    private static readonly (string Rule, string Selector)[] Allowed =
    [
        ("scrollable-region-focusable", ".run-vms .mud-table-container"),
    ];

    /// <summary>axe-core as Deque ships it for .NET, injected into each page before its first scan.</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>axe keeps only what fails (no passes or incomplete lists), which makes a scan of a large page quicker.</summary>
    private static readonly object ViolationsOnly = new { resultTypes = new[] { "violations" } };

    /// <summary>
    /// The dark theme changes colours only: the pages' markup, names and roles are those the light scan checked. So the
    /// dark pass runs the rules that read colours, which keeps both themes in the suite at little more than one scan's cost.
    /// </summary>
    private static readonly object ColourRulesOnly = new
    {
        resultTypes = new[] { "violations" },
        runOnly = new { type = "rule", values = new[] { "color-contrast", "link-in-text-block" } },
    };

    private readonly ConsoleAppFactory _console = new();
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task EveryPage_InTheme_NoSeriousOrCriticalAxeViolation(string theme)
    {
        // The theme an operator chose is kept in this browser's local storage; set it before any page script runs.
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _console.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            ReducedMotion = ReducedMotion.Reduce,
        });
        await _context.AddInitScriptAsync($"localStorage.setItem('rhvdr.theme', '{theme}');");
        // A chip changing colour fades over a quarter second; a scan in that moment reads the old background behind the new
        // text. The scan judges the colours a page settles on, so fades are switched off.
        await _context.AddInitScriptAsync("""
            document.addEventListener('DOMContentLoaded', () => {
                const style = document.createElement('style');
                style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
                document.head.appendChild(style);
            });
            """);
        var page = await _context.NewPageAsync();
        await FailureEvidence.RunAsync(page, $"{nameof(EveryPage_InTheme_NoSeriousOrCriticalAxeViolation)}-{theme}", () => ScanAsync(page, theme));
    }

    private async Task ScanAsync(IPage page, string theme)
    {
        var report = new StringBuilder();

        // The sign-in form, before signing in.
        await page.GotoAsync("/account/login");
        await Expect(page.Locator("#username")).ToBeVisibleAsync(Live);
        await ScanPageAsync(page, "/account/login", Rules(theme), report);

        await page.SignInAsync(ConsoleAppFactory.AdminUser, ConsoleAppFactory.AdminPassword);
        var run = await _console.Services.GetRequiredService<IRecoveryRunner>().StartAsync(
            new RunRequest(RunKind.Test, RunMode.Planned, null, "Accessibility scan",
                new Actor(ConsoleAppFactory.AdminUser, Role.Administrator, "test")),
            CancellationToken.None);

        // The first page is loaded, the others are reached as an operator reaches them, by navigating within the live
        // circuit: a full load per page would spend more time starting circuits than scanning.
        var first = true;
        foreach (var (template, ready) in SignedInPages)
        {
            var path = template.Replace("{run}", run.Run.Id, StringComparison.Ordinal);
            if (first)
            {
                await page.OpenAsync(path);
                first = false;
            }
            else
            {
                await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { Timeout = 30_000 });
            }
            if (path != "/wall")
            {
                // The wall is dark in both; every other page shows the theme from local storage once it is live.
                await Expect(page.Locator($".rhvdr-page[data-theme='{theme}']")).ToBeVisibleAsync(Live);
            }
            await Expect(page.Locator(ready).First).ToBeVisibleAsync(Live);
            var started = System.Diagnostics.Stopwatch.StartNew();
            await ScanPageAsync(page, path, Rules(theme), report);
            output.WriteLine($"{path}: scanned in {started.ElapsedMilliseconds} ms");
        }

        Assert.True(report.Length == 0, $"axe found serious or critical violations in the {theme} theme:{Environment.NewLine}{report}");
    }

    private static object Rules(string theme) => theme == "dark" ? ColourRulesOnly : ViolationsOnly;

    /// <summary>
    /// Runs axe on the page as it is, in the page itself. (Deque's <c>RunAxe</c> runs axe in every frame and merges the
    /// results in a new blank page: a page and a second copy of axe for each scan. The console's pages have no frames.)
    /// </summary>
    private static async Task<AxeViolation[]> RunAxeAsync(IPage page, object options)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }
        var violations = await page.EvaluateAsync<string>("async options => JSON.stringify((await axe.run(document, options)).violations)", options);
        return JsonSerializer.Deserialize<AxeViolation[]>(violations, Json) ?? [];
    }

    /// <summary>Adds each serious or critical violation on the page to <paramref name="report"/>: rule, impact, help, selectors.</summary>
    private static async Task ScanPageAsync(IPage page, string path, object rules, StringBuilder report)
    {
        var violations = await RunAxeAsync(page, rules);
        foreach (var violation in violations.Where(v => v.Impact is { } impact && Blocking.Contains(impact)))
        {
            var nodes = new List<AxeNode>();
            foreach (var node in violation.Nodes)
            {
                if (!await IsAllowedAsync(page, violation.Id, node))
                {
                    nodes.Add(node);
                }
            }
            if (nodes.Count == 0)
            {
                continue;
            }
            report.AppendLine($"{path}: {violation.Id} ({violation.Impact}) {violation.Help} — {violation.HelpUrl}");
            foreach (var node in nodes.Take(SelectorsPerViolation))
            {
                // The check messages say what is wrong at that element, e.g. the contrast ratio found and the one needed.
                var checks = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Distinct(StringComparer.Ordinal);
                report.AppendLine($"    {node.Selector} :: {string.Join(" / ", checks)}");
            }
            if (nodes.Count > SelectorsPerViolation)
            {
                report.AppendLine($"    ...and {nodes.Count - SelectorsPerViolation} more elements");
            }
        }
    }

    private static async Task<bool> IsAllowedAsync(IPage page, string rule, AxeNode node)
    {
        foreach (var (allowedRule, selector) in Allowed.Where(a => a.Rule == rule))
        {
            if (await page.EvaluateAsync<bool>("([target, selector]) => document.querySelector(target)?.matches(selector) === true", new[] { node.Selector, selector }))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>One rule that failed: what axe reports of it in <c>violations</c>.</summary>
    private sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, AxeNode[] Nodes);

    /// <summary>An element that fails the rule, and the checks that say why.</summary>
    private sealed record AxeNode(JsonElement Target, AxeCheck[] Any, AxeCheck[] All, AxeCheck[] None)
    {
        /// <summary>The element's CSS selector (axe gives one per frame; the console's pages have one document).</summary>
        public string Selector => string.Join(" ", Target.EnumerateArray().Select(t => t.ToString()));
    }

    private sealed record AxeCheck(string Message);

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        await _console.DisposeAsync();
    }
}
