using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Lab;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Bench;

/// <summary>
/// A full poll of both sites with Core's collector (both sites at once, as the poller does) over a lab of the same size, in a
/// host whose own poller has done its first poll and then waits an hour, so nothing else allocates while it is measured; and
/// the incremental path in the console at its defaults: a VM stopped through the engine API until the console's inventory
/// store shows it down (event follower, then the site's inventory patched or re-read). The event follower ticks once a second,
/// so one sample depends on where in the tick the stop lands: the samples start at evenly spread offsets into the tick.
/// </summary>
public static class InventoryBenchmark
{
    public sealed record Result(double FullPollMedianMs, double FullPollMinMs, double AllocatedMbPerPoll, int Vms, int Hosts, double EventToStoreMs, double EventToStoreMaxMs, int EventSamples, double EventCheckMs);

    private const int EventSamples = 5;

    /// <summary>The incremental path, in the console; <paramref name="full"/> is <see cref="FullPollAsync"/>'s result, measured before the console started.</summary>
    public static async Task<Result> RunAsync((double Median, double Min, double AllocatedMb, int Vms, int Hosts, InventorySplit.Result Split) full, ConsoleAppFactory console, CancellationToken ct)
    {
        var (median, min, allocatedMb, vms, hosts, _) = full;
        var services = console.Services;
        var store = services.GetRequiredService<IInventoryStore>();

        // Incremental: an up VM at the primary site is stopped; the poller's event follower notices, updates that site and publishes.
        var client = await services.GetRequiredService<IEngineClientFactory>().GetClientAsync("primary", ct);
        var victims = store.Current.Sites.First(s => s.Site.Name == "primary").Inventory.Vms.Where(v => v.Status == "up").Take(EventSamples).ToList();
        var events = services.GetRequiredService<IEngineEventSource>();
        var check = Stopwatch.StartNew();
        await events.HasRelevantChangesAsync("recovery", ct);
        check.Stop();

        var samples = new List<double>();
        for (var i = 0; i < victims.Count; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * i / victims.Count), ct);
            var changed = Stopwatch.StartNew();
            await client.PostActionAsync($"vms/{victims[i].Id}/stop", new { }, null, ct);
            while (store.Current.Sites.First(s => s.Site.Name == "primary").Inventory.Vms.FirstOrDefault(v => v.Id == victims[i].Id)?.Status is "up" or "powering_down")
            {
                await Task.Delay(5, ct);
            }

            changed.Stop();
            samples.Add(changed.Elapsed.TotalMilliseconds);
        }

        return new Result(median, min, allocatedMb, vms, hosts, Percentiles.Median(samples), samples.Max(), samples.Count, check.Elapsed.TotalMilliseconds);
    }

    public static async Task<(double Median, double Min, double AllocatedMb, int Vms, int Hosts, InventorySplit.Result Split)> FullPollAsync(BenchSettings settings, CancellationToken ct)
    {
        var labOptions = new LabOptions { TimeScale = 0, VmsPerSite = settings.InventoryVms, HostsPerSite = settings.InventoryHostsPerSite };
        await using var lab = await LabServer.StartAsync(labOptions, cancellationToken: ct);
        await using var core = await CoreHost.StartAsync(lab, new Dictionary<string, string?> { ["RhvDr:PollInterval"] = "01:00:00" }, ct);
        var collector = core.Services.GetRequiredService<ISiteInventoryCollector>();
        var store = core.Services.GetRequiredService<IInventoryStore>();
        while (!store.Current.Sites.All(s => s.Inventory.Vms.Count > 0))
        {
            await Task.Delay(50, ct);
        }

        var sites = store.Current.Sites.Select(s => s.Site.Name).ToList();

        // One warm-up poll: connections, tokens, JIT.
        await Task.WhenAll(sites.Select(s => collector.CollectAsync(s, ct)));
        var times = new List<double>();
        var allocated = new List<double>();
        var vms = 0;
        var hosts = 0;
        for (var i = 0; i < settings.InventoryRepeats; i++)
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

        // The polls above meet an unchanged lab state, so the lab serves them from its answer cache; the split measures both sides.
        var split = await InventorySplit.RunAsync(lab, settings.InventoryRepeats, ct);
        return (Percentiles.Median(times), times.Min(), Percentiles.Median(allocated), vms, hosts, split);
    }
}
