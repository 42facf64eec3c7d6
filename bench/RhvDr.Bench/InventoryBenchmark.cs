using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;

namespace RhvDr.Bench;

/// <summary>
/// A full poll of both sites with the console's own collector (both sites at once, as the poller does), and the incremental
/// path: a VM stopped through the engine API until the console's inventory store shows it down (events, then a site poll).
/// </summary>
public static class InventoryBenchmark
{
    public sealed record Result(double FullPollMedianMs, double FullPollMinMs, double AllocatedMbPerPoll, int Vms, int Hosts, double EventToStoreMs, double EventCheckMs);

    public static async Task<Result> RunAsync(BenchConsole console, int repeats, CancellationToken ct)
    {
        var services = console.Services;
        var collector = services.GetRequiredService<ISiteInventoryCollector>();
        var store = services.GetRequiredService<IInventoryStore>();
        var sites = store.Current.Sites.Select(s => s.Site.Name).ToList();

        // One warm-up poll: connections, tokens, JIT.
        await Task.WhenAll(sites.Select(s => collector.CollectAsync(s, ct)));
        var times = new List<double>();
        var allocated = new List<double>();
        var vms = 0;
        var hosts = 0;
        for (var i = 0; i < repeats; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var inventories = await Task.WhenAll(sites.Select(s => collector.CollectAsync(s, ct)));
            clock.Stop();
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
            times.Add(clock.Elapsed.TotalMilliseconds);
            vms = inventories.Sum(x => x.Vms.Count);
            hosts = inventories.Sum(x => x.Hosts.Count);
        }

        // Incremental: an up VM at the primary site is stopped; the poller's event follower notices, re-reads that site and publishes.
        var client = await services.GetRequiredService<IEngineClientFactory>().GetClientAsync("primary", ct);
        var victim = store.Current.Sites.First(s => s.Site.Name == "primary").Inventory.Vms.First(v => v.Status == "up");
        var events = services.GetRequiredService<IEngineEventSource>();
        var check = Stopwatch.StartNew();
        await events.HasRelevantChangesAsync("recovery", ct);
        check.Stop();

        var changed = Stopwatch.StartNew();
        await client.PostActionAsync($"vms/{victim.Id}/stop", new { }, null, ct);
        while (store.Current.Sites.First(s => s.Site.Name == "primary").Inventory.Vms.FirstOrDefault(v => v.Id == victim.Id)?.Status is "up" or "powering_down")
        {
            await Task.Delay(5, ct);
        }

        changed.Stop();
        return new Result(Percentiles.Median(times), times.Min(), Percentiles.Median(allocated), vms, hosts, changed.Elapsed.TotalMilliseconds, check.Elapsed.TotalMilliseconds);
    }
}
