using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RhvDr.Core.Monitoring;

namespace RhvDr.Bench;

/// <summary>
/// Memory held per open circuit, measured with real ones: headless Chromium (Debian's, through Playwright) signs in once and
/// opens N tabs on the console, half on Overview and half on the VM grid, each its own live Blazor circuit over SignalR. The
/// figure is the console process's managed heap after a forced compacting collection with the tabs open, minus the heap
/// before them, divided by N: circuit, component tree, DI scope, subscriptions, SignalR connection and render batches.
/// </summary>
public static class LiveCircuitBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public sealed record Result(double PerCircuitMb, int Circuits, int Rounds);

    public static async Task<Result?> RunAsync(BenchConsole console, int circuits, CancellationToken ct)
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
            await warm.CloseAsync();
        }

        // The poller swaps in a new 10,000-VM snapshot every few seconds; a round during which it did is measured again.
        var store = console.Services.GetRequiredService<IInventoryStore>();
        var perCircuit = double.NaN;
        var rounds = 0;
        while (rounds < 5)
        {
            ct.ThrowIfCancellationRequested();
            rounds++;
            var snapshot = store.Current;
            var before = Heap.Settle();
            var pages = new List<IPage>();
            for (var i = 0; i < circuits; i++)
            {
                pages.Add(await OpenAsync(context, i % 2 == 0 ? "" : "vms"));
            }

            var after = Heap.Settle();
            var stable = ReferenceEquals(snapshot, store.Current);
            foreach (var page in pages)
            {
                await page.CloseAsync();
            }

            perCircuit = (after - before) / (double)circuits / 1048576.0;
            if (stable)
            {
                break;
            }
        }

        return new Result(perCircuit, circuits, rounds);
    }

    private static async Task SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.FillAsync("#username", BenchConsole.AdminUser);
        await page.FillAsync("#password", BenchConsole.AdminPassword);
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
