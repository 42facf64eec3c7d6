using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Recovery;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Lab.Simulation;
using RhvDr.Tests.Support;

namespace RhvDr.Bench;

/// <summary>
/// A disaster failover of the lab estate through the production run engine (Core's host, real HTTP to the lab), timed from
/// the request to the run's end, against the lab's critical-path lower bound. The sequential baseline is the same run with
/// every parallelism setting at 1, as the oVirt Ansible role works.
/// </summary>
public static class FailoverBenchmark
{
    public sealed record Result(double WallSeconds, FailoverLowerBound Bound, int VmsUp, int VmsFailed, string Status, IReadOnlyList<(string Step, double Seconds)> Steps, long Events);

    public static async Task<Result> RunAsync(BenchSettings settings, int maxParallel, CancellationToken ct)
    {
        var labOptions = new LabOptions
        {
            TimeScale = settings.FailoverTimeScale,
            VmsPerSite = settings.FailoverVms,
            HostsPerSite = settings.FailoverHostsPerSite,
            DataDomains = settings.FailoverDataDomains,
        };
        await using var lab = await LabServer.StartAsync(labOptions, cancellationToken: ct);
        using var controlHttp = new HttpClient { BaseAddress = lab.ControlUrl };
        var control = new LabControlClient(controlHttp, lab.ControlToken);
        await using var core = await CoreHost.StartAsync(lab, new Dictionary<string, string?>
        {
            ["RhvDr:Recovery:MaxParallelStarts"] = maxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Production polls every 2 s against 15 s boots; the lab's time scale shrinks both alike.
            ["RhvDr:Recovery:PollInterval"] = TimeSpan.FromSeconds(2 * settings.FailoverTimeScale).ToString(),
            ["Lab:TimeScale"] = settings.FailoverTimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // The benchmark measures the engine's work, not the wait for a second operator's approval.
            ["RhvDr:Security:FourEyes:Failover"] = "Never",
        }, ct);
        var host = core.Host;

        // A disaster run takes the running VMs from the last inventory: wait until both sites are read.
        var store = host.Services.GetRequiredService<IInventoryStore>();
        while (!(store.Current.Sites.Count == 2 && store.Current.Sites.All(s => s.Inventory.Vms.Count > 0)))
        {
            await Task.Delay(50, ct);
        }

        // The bound counts the VMs running at the source, so it is taken before the site goes dark.
        var bound = lab.Simulation.FailoverLowerBound("primary", "recovery", maxParallel, settings.ApiLatencyMs);
        await control.SetFaultsAsync(new LabFaults(0, settings.ApiLatencyMs), ct);
        await control.SetSiteDownAsync("primary", ct);

        var runner = host.Services.GetRequiredService<RecoveryRunner>();
        var clock = Stopwatch.StartNew();
        var started = await runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Disaster, "primary", null, new RhvDr.Core.Security.Actor("bench", RhvDr.Core.Security.Role.Operator, "local")), ct);
        RunDetails details;
        while (true)
        {
            details = (await runner.GetAsync(started.Run.Id, ct))!;
            if (!details.Run.IsActive)
            {
                break;
            }

            await Task.Delay(20, ct);
        }

        clock.Stop();

        // The run's own start and end times, not the polling above, give the wall time.
        var wall = details.Run.Duration?.TotalSeconds ?? clock.Elapsed.TotalSeconds;
        var steps = details.Steps.Select(s => (s.Name, ((s.FinishedAt ?? s.StartedAt) - s.StartedAt)?.TotalSeconds ?? 0)).ToList();
        System.Console.Error.WriteLine("  timeline: " + Timeline(lab, details));
        return new Result(wall, bound, details.Vms.Count(v => v.Up), details.Vms.Count(v => v.Failed), details.Run.Status.ToString(), steps, details.Run.LastSequence);
    }

    /// <summary>
    /// Where the run's time went, in seconds from its start: when each step began and ended (steps of the target side
    /// overlap), when the lab finished attaching the first and last domain (its own events), and the first and last VM up.
    /// </summary>
    private static string Timeline(LabServer lab, RunDetails details)
    {
        var start = details.Run.StartedAt ?? DateTimeOffset.UtcNow;
        string At(DateTimeOffset? t) => t is { } v ? (v - start).TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";
        var (attached, labUp, labLaunch) = lab.Simulation.Read("recovery", engine => (
            engine.Events.Where(e => e.Code == EventCodes.UserAttachStorageDomainToPool.Code && e.Time >= start).Select(e => e.Time).Order().ToList(),
            engine.Vms.Values.Where(v => v.StartedAt is not null).ToDictionary(v => v.Id, v => v.StartedAt!.Value),
            engine.Jobs.Values.Where(j => j.Description.StartsWith("Launching VM ", StringComparison.Ordinal))
                .GroupBy(j => j.Description["Launching VM ".Length..]).ToDictionary(g => g.Key, g => g.Max(j => j.StartTime))));

        var steps = string.Join(" ", details.Steps.Where(s => s.StartedAt is not null).Select(s => $"{s.Name} {At(s.StartedAt)}–{At(s.FinishedAt)}"));
        var registered = details.Vms.Where(v => v.RegisteredAt is not null).Select(v => v.RegisteredAt!.Value).Order().ToList();
        var up = details.Vms.Where(v => v.UpAt is not null).Select(v => v.UpAt!.Value).Order().ToList();
        string Span(List<DateTimeOffset> times) => times.Count == 0 ? "-" : $"{At(times[0])}–{At(times[^1])}";
        return $"{steps}; domains attached {Span(attached)} ({attached.Count}); VMs registered {Span(registered)}; up {Span(up)}; run end {At(details.Run.FinishedAt)}; {StartSlots(details, labUp, labLaunch)}";
    }

    /// <summary>
    /// How the start slots were used: per started VM, start issued → the lab has it up (start call, launch and boot) →
    /// the run has seen it up (detection), in milliseconds.
    /// </summary>
    private static string StartSlots(RunDetails details, IReadOnlyDictionary<string, DateTimeOffset> labUp, IReadOnlyDictionary<string, DateTimeOffset> labLaunch)
    {
        var started = details.Vms.Where(v => v.StartedAt is not null && v.UpAt is not null && labUp.ContainsKey(v.VmId) && labLaunch.ContainsKey(v.VmId)).ToList();
        if (started.Count == 0)
        {
            return "no VM start timed";
        }

        static string Spread(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"median {sorted[sorted.Count / 2]:F0} ms (mean {sorted.Average():F0}, p90 {sorted[sorted.Count * 9 / 10]:F0})");
        }

        var call = Spread(started.Select(v => (labLaunch[v.VmId] - v.StartedAt!.Value).TotalMilliseconds));
        var boot = Spread(started.Select(v => (labUp[v.VmId] - labLaunch[v.VmId]).TotalMilliseconds));
        var seen = Spread(started.Select(v => (v.UpAt!.Value - labUp[v.VmId]).TotalMilliseconds));
        var held = started.Sum(v => (v.UpAt!.Value - v.StartedAt!.Value).TotalSeconds);
        var first = started.Min(v => v.StartedAt!.Value);
        var last = started.Max(v => v.UpAt!.Value);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"start slots: {started.Count} starts, start→lab launch {call}, launch→up {boot}, lab up→seen up {seen}, slot time {held:F1} s over {(last - first).TotalSeconds:F2} s");
    }
}
