using Microsoft.Playwright;
using RhvDr.Tests.Integration;

namespace RhvDr.Bench;

/// <summary>
/// Memory held per open circuit, measured with real ones: headless Chromium (Debian's, through Playwright) signs in once and
/// opens N tabs on the console, half on Overview and half on the VM grid, each its own live Blazor circuit over SignalR. The
/// figure is the console process's managed heap after a forced compacting collection with the tabs open, minus the heap
/// before them and after they closed (see <see cref="Heap.SettleLeastAsync"/>), divided by N: circuit, component
/// tree, DI scope, subscriptions, SignalR connection and render batches. The median of three rounds is reported.
/// </summary>
public static class LiveCircuitBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const int Rounds = 3;

    public sealed record Result(double PerCircuitMb, int Circuits, IReadOnlyList<double> PerRound);

    public static async Task<Result?> RunAsync(ConsoleAppFactory console, int circuits, CancellationToken ct)
    {
        if (!File.Exists(ChromiumPath))
        {
            System.Console.Error.WriteLine($"  live circuits: skipped, no Chromium at {ChromiumPath} (apt-get install chromium)");
            return null;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.BaseAddress.ToString() });
        await SignInAsync(context);

        // Warm-up: JIT, MudBlazor's caches and the first circuit's one-off allocations.
        foreach (var path in new[] { "", "vms" })
        {
            var warm = await OpenAsync(context, path);
            await warm.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        }

        // Three rounds, the median reported. Tabs close as a person closes them (unload handlers run), so Blazor tells the
        // server and each round's circuits are disposed instead of retained, disconnected, into the next round.
        var perRound = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            var before = await Heap.QuiesceAsync(ct);
            var pages = new List<IPage>();
            for (var i = 0; i < circuits; i++)
            {
                pages.Add(await OpenAsync(context, i % 2 == 0 ? "" : "vms"));
            }

            var after = await Heap.SettleLeastAsync(4, ct);
            foreach (var page in pages)
            {
                await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
            }

            // The baseline is the mean of the heap before the tabs opened and after they closed: the console's own heap
            // drifts by tens of MB as its pollers and the in-process lab move on, and two sides of the round halve that.
            var closed = await Heap.SettleLeastAsync(4, ct);
            perRound.Add((after - ((before + closed) / 2.0)) / circuits / 1048576.0);
            System.Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  live circuits round {round}: {perRound[^1]:F2} MB per circuit"));
        }

        return new Result(Percentiles.Median(perRound), circuits, perRound);
    }

    private static async Task SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.FillAsync("#username", ConsoleAppFactory.AdminUser);
        await page.FillAsync("#password", ConsoleAppFactory.AdminPassword);
        await page.ClickAsync("[data-testid='login-submit']");
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await page.CloseAsync();
    }

    /// <summary>A tab on the page, once its circuit is live (the page marks itself interactive).</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator(".rhvdr-page[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        return page;
    }
}
