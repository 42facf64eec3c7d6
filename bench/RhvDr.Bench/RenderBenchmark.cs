using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Console.Components.Pages;
using RhvDr.Core.Monitoring;
using RhvDr.Tests.Integration;

namespace RhvDr.Bench;

/// <summary>
/// Server-side render of the real Overview and VM grid pages with the console's own services and live inventory store
/// (<see cref="HtmlRenderer"/>, the renderer of static SSR and prerendering), and the managed memory one open page pair holds.
/// </summary>
public static class RenderBenchmark
{
    public sealed record Result(double OverviewMedianMs, double VmsMedianMs, int VmsHtmlKb, double CircuitMemoryMb, int Circuits);

    public static async Task<Result> RunAsync(ConsoleAppFactory console, int repeats, int circuits, CancellationToken ct)
    {
        var services = console.Services;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var baseUri = console.BaseAddress.ToString();

        // Warm-up: JIT and MudBlazor's static caches.
        await using (var warm = new OpenPage(services, loggers, baseUri))
        {
            await warm.RenderAsync<Overview>();
            await warm.RenderAsync<Vms>();
        }

        var overview = new List<double>();
        var vms = new List<double>();
        var html = 0;
        for (var i = 0; i < repeats; i++)
        {
            ct.ThrowIfCancellationRequested();
            await using var page = new OpenPage(services, loggers, baseUri);
            var clock = Stopwatch.StartNew();
            await page.RenderAsync<Overview>();
            overview.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            html = (await page.RenderAsync<Vms>()).Length;
            vms.Add(clock.Elapsed.TotalMilliseconds);
        }

        // Memory held per open page pair: the managed heap after a full collection with N renderers, each holding its scope,
        // component tree and subscriptions, minus the heap before them. The poller swaps in a new 10,000-VM snapshot every
        // few seconds; a round during which the store's snapshot changed is measured again (up to 5 rounds).
        var store = services.GetRequiredService<IInventoryStore>();
        var perCircuit = double.NaN;
        for (var round = 0; round < 5; round++)
        {
            var open = new List<OpenPage>();
            var snapshot = store.Current;
            var before = await Heap.QuiesceAsync(ct);
            for (var i = 0; i < circuits; i++)
            {
                var page = new OpenPage(services, loggers, baseUri);
                await page.RenderAsync<Overview>();
                await page.RenderAsync<Vms>();
                open.Add(page);
            }

            var after = await Heap.SettleLeastAsync(4, ct);
            var stable = ReferenceEquals(snapshot, store.Current);
            GC.KeepAlive(open);
            foreach (var page in open)
            {
                await page.DisposeAsync();
            }

            perCircuit = (after - before) / (double)circuits / 1048576.0;
            if (stable)
            {
                break;
            }
        }

        return new Result(Percentiles.Median(overview), Percentiles.Median(vms), html / 1024, perCircuit, circuits);
    }

    /// <summary>What a circuit holds for a page: its DI scope, a renderer and the rendered components (kept until disposed).</summary>
    private sealed class OpenPage : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly HtmlRenderer _renderer;
        private readonly List<HtmlRootComponent> _roots = [];

        public OpenPage(IServiceProvider services, ILoggerFactory loggers, string baseUri)
        {
            _scope = services.CreateAsyncScope();
            if (_scope.ServiceProvider.GetRequiredService<NavigationManager>() is IHostEnvironmentNavigationManager navigation)
            {
                navigation.Initialize(baseUri, baseUri);
            }

            _renderer = new HtmlRenderer(_scope.ServiceProvider, loggers);
        }

        public Task<string> RenderAsync<TComponent>()
            where TComponent : IComponent =>
            _renderer.Dispatcher.InvokeAsync(async () =>
            {
                var root = await _renderer.RenderComponentAsync<TComponent>();
                _roots.Add(root);
                return root.ToHtmlString();
            });

        public async ValueTask DisposeAsync()
        {
            await _renderer.DisposeAsync();
            await _scope.DisposeAsync();
        }
    }
}
