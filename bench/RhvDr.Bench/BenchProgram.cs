using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Monitoring;
using RhvDr.Tests.Integration;

namespace RhvDr.Bench;

/// <summary>
/// <c>./bench.sh [--quick]</c>: failover efficiency, inventory, live fan-out and UI figures. Prints a table and, as the last
/// line, one JSON object. <c>--results FILE</c> also writes the table with machine details into FILE between markers.
/// <c>--plan-only</c> runs the plan failover alone and <c>--failover-only</c> the plan and the parallel failover (no results file); <c>--console-only</c> skips both failovers;
/// <c>--inventory-only</c> (with <c>--console-only</c>) stops after the full poll and its split (no results file).
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var settings = args.Contains("--quick") ? BenchSettings.Quick : BenchSettings.Full;
        var resultsIndex = Array.IndexOf(args, "--results");
        var resultsFile = resultsIndex >= 0 && resultsIndex + 1 < args.Length ? args[resultsIndex + 1] : null;
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(settings.Mode == "quick" ? 10 : 60));
        var ct = cts.Token;
        var rows = new List<(string Figure, string Value, string Target)>();
        void Row(string figure, string value, string target = "")
        {
            rows.Add((figure, value, target));
            System.Console.Error.WriteLine($"  {figure}: {value}");
        }

        System.Console.Error.WriteLine($"RhvDr benchmark ({settings.Mode}) on {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");

        var onlyConsole = args.Contains("--console-only");
        double overhead = double.NaN, baseline = double.NaN, planOverhead = double.NaN;
        FailoverBenchmark.Result? parallel = null;
        PlanFailoverBenchmark.Result? planRun = null;
        if (!onlyConsole)
        {
            System.Console.Error.WriteLine($"Plan failover: one plan of the whole estate ({settings.FailoverVms} VMs) in five priority groups with dependencies, parallelism {settings.MaxParallel}");
            planRun = await PlanFailoverBenchmark.RunAsync(settings, ct);
            var planBound = planRun.Bound;
            Row("plan failover wall time (s)", F(planRun.WallSeconds, 2));
            Row("plan failover lower bound (s)", $"{F(planBound.Seconds, 2)} (bound by {planBound.BindingConstraint}; {planBound.Starts} starts in 5 groups, {planRun.Dependencies} dependencies)");
            Row("plan failover VMs verified / up unverified / failed", $"{planRun.Verified} / {planRun.Unverified} / {planRun.Failed} ({planRun.Status})");
            planOverhead = planRun.WallSeconds / planBound.Seconds;
            Row("planFailoverOverheadRatio", F(planOverhead, 2), "<= 1.10");
            if (args.Contains("--plan-only"))
            {
                // For work on plan runs: the plan failover alone, nothing written to the results file.
                System.Console.WriteLine($"{{\"mode\":\"{settings.Mode}\",\"planFailoverOverheadRatio\":{F(planOverhead, 3)},\"planFailoverSeconds\":{F(planRun.WallSeconds, 3)},\"planFailoverLowerBoundSeconds\":{F(planBound.Seconds, 3)}}}");
                return 0;
            }

            System.Console.Error.WriteLine($"Failover: {settings.FailoverVms} VMs in {settings.FailoverDataDomains} domains, {settings.ApiLatencyMs} ms per call, time scale {settings.FailoverTimeScale}, parallelism {settings.MaxParallel}");
            parallel = await FailoverBenchmark.RunAsync(settings, settings.MaxParallel, ct);
            var bound = parallel.Bound;
            Row("failover wall time (s)", F(parallel.WallSeconds, 2));
            Row("failover lower bound (s)", $"{F(bound.Seconds, 2)} (bound by {bound.BindingConstraint}; {bound.Starts} starts, {bound.Registrations} registrations, {bound.Domains} domains)");
            Row("failover VMs up / failed", $"{parallel.VmsUp} / {parallel.VmsFailed} ({parallel.Status})");
            Row("failover run events", $"{parallel.Events} ({F(parallel.Events / parallel.WallSeconds, 0)} per second)");
            overhead = parallel.WallSeconds / bound.Seconds;
            System.Console.Error.WriteLine("  steps: " + string.Join(", ", parallel.Steps.Select(s => $"{s.Step} {s.Seconds:F2}s")));
            Row("failoverOverheadRatio", F(overhead, 2), "<= 1.10");
            if (args.Contains("--failover-only"))
            {
                // For iterating on the run engine: the parallel failover alone, nothing written to the results file.
                System.Console.WriteLine($"{{\"mode\":\"{settings.Mode}\",\"failoverOverheadRatio\":{F(overhead, 3)},\"failoverSeconds\":{F(parallel.WallSeconds, 3)},\"failoverLowerBoundSeconds\":{F(bound.Seconds, 3)}}}");
                return 0;
            }

            System.Console.Error.WriteLine("Failover, sequential baseline (one call at a time: parallelism 1)");
            var sequential = await FailoverBenchmark.RunAsync(settings, 1, ct);
            Row("sequential wall time (s)", $"{F(sequential.WallSeconds, 2)} ({sequential.VmsUp} up, {sequential.Status}; its own bound at parallelism 1: {F(sequential.Bound.Seconds, 2)} s)");
            baseline = sequential.WallSeconds / bound.Seconds;
            Row("sequentialBaselineRatio", F(baseline, 2), "(sequential wall / parallel bound)");
        }

        System.Console.Error.WriteLine($"Inventory: full polls of {settings.InventoryVms} VMs and {settings.InventoryHostsPerSite * 2} hosts");
        var fullPoll = await InventoryBenchmark.FullPollAsync(settings, ct);
        var split = fullPoll.Split;
        if (args.Contains("--inventory-only"))
        {
            // For work on the poll: the full poll and its two sides, nothing written to the results file.
            System.Console.WriteLine($"{{\"mode\":\"{settings.Mode}\",\"inventoryRefreshMs10k\":{F(fullPoll.Median, 1)},\"inventoryAllocatedMb\":{F(fullPoll.AllocatedMb, 1)},\"inventoryParseMs10k\":{F(split.ConsoleMedianMs, 1)},\"inventoryParseAllocatedMb\":{F(split.ConsoleAllocatedMb, 1)},\"inventoryLabRenderMs10k\":{F(split.LabMedianMs, 1)},\"inventoryLabRenderAllocatedMb\":{F(split.LabAllocatedMb, 1)}}}");
            return 0;
        }

        System.Console.Error.WriteLine($"Console with {settings.InventoryVms} VMs and {settings.InventoryHostsPerSite * 2} hosts");
        using var console = new ConsoleAppFactory { Environment = "Production" };

        // Instant lab operations; the console keeps its production defaults (full polls every 5 s, events every second).
        console.Settings.Remove("RhvDr:PollInterval");
        console.Settings.Remove("RhvDr:Recovery:PollInterval");
        console.Settings.Remove("RhvDr:Security:FourEyes:Failover");
        console.Settings.Remove("RhvDr:Security:FourEyes:Failback");
        console.Settings["Lab:TimeScale"] = "0";
        console.Settings["Lab:VmsPerSite"] = settings.InventoryVms.ToString(CultureInfo.InvariantCulture);
        console.Settings["Lab:HostsPerSite"] = settings.InventoryHostsPerSite.ToString(CultureInfo.InvariantCulture);
        console.ServiceOverrides.Add(services => services.RemoveAll<ILoggerProvider>());
        _ = console.BaseAddress;
        var store = console.Services.GetRequiredService<IInventoryStore>();
        while (!(store.Current.Sites.Count == 2 && store.Current.Sites.All(s => s.Inventory.Vms.Count > 0)))
        {
            await Task.Delay(50, ct);
        }

        var inventory = await InventoryBenchmark.RunAsync(fullPoll, console, ct);
        Row("inventoryRefreshMs10k", $"{F(inventory.FullPollMedianMs, 0)} (min {F(inventory.FullPollMinMs, 0)}; {inventory.Vms} VMs, {inventory.Hosts} hosts)", "< 500");
        Row("inventory allocations per full poll (MB)", F(inventory.AllocatedMbPerPoll, 1));
        Row("inventoryParseMs10k", $"{F(split.ConsoleMedianMs, 0)} ({F(split.ConsoleAllocatedMb, 1)} MB; the same poll's answers served from memory: read, parse, map)");
        Row("inventoryLabRenderMs10k", $"{F(split.LabMedianMs, 0)} ({F(split.LabAllocatedMb, 1)} MB; the lab rendering the same answers afresh, {F(split.AnswerMb, 1)} MB of JSON, and loopback)");
        Row("incremental: event check (ms)", F(inventory.EventCheckMs, 1));
        Row("incremental: VM stopped to store (ms)", $"{F(inventory.EventToStoreMs, 0)} (median of {inventory.EventSamples}; max {F(inventory.EventToStoreMaxMs, 0)})");

        var render = await RenderBenchmark.RunAsync(console, settings.RenderRepeats, settings.Circuits, ct);
        Row("overviewRenderMs", F(render.OverviewMedianMs, 1), "< 100");
        Row("VM grid render (ms)", $"{F(render.VmsMedianMs, 1)} ({render.VmsHtmlKb} KB of HTML)");

        var perEvent = await HubFanOutBenchmark.RunAsync(console, settings.HubClients, settings.HubEvents, settings.HubEventsPerSecond, batched: false, ct);
        var hub = await HubFanOutBenchmark.RunAsync(console, settings.HubClients, settings.HubEvents, settings.HubEventsPerSecond, batched: true, ct);
        Row("hub p50 (ms)", $"{F(hub.P50Ms, 1)} ({hub.Clients} clients x {hub.Events} events at {settings.HubEventsPerSecond}/s, SubscribeRunBatches)");
        Row("hubP99Ms", $"{F(hub.P99Ms, 1)} (max {F(hub.MaxMs, 0)}; drained {F(hub.DrainSeconds, 2)} s after the last publish)", "< 250");
        Row("hub lost / reordered", $"{hub.Lost} / {hub.OutOfOrder}", "0 / 0");
        Row("hub per-event p50 (ms)", $"{F(perEvent.P50Ms, 1)} (same load, SubscribeRun: one RunEvent per event)");
        Row("hub per-event p99 (ms)", $"{F(perEvent.P99Ms, 1)} (max {F(perEvent.MaxMs, 0)}; drained {F(perEvent.DrainSeconds, 2)} s after the last publish)");
        Row("hub per-event lost / reordered", $"{perEvent.Lost} / {perEvent.OutOfOrder}", "0 / 0");

        // Last: closed tabs leave their circuits retained (disconnected) on the server for minutes, still following the store.
        var live = await LiveCircuitBenchmark.RunAsync(console, settings.Circuits, ct);
        var circuitMemoryMb = live?.PerCircuitMb ?? render.CircuitMemoryMb;
        Row("circuitMemoryMb", live is null
            ? $"{F(render.CircuitMemoryMb, 2)} (no Chromium: page state only, see below)"
            : $"{F(live.PerCircuitMb, 2)} (heap per live circuit, median of rounds {string.Join(" / ", live.PerRound.Select(r => F(r, 2)))}: {live.Circuits} Chromium tabs, half Overview, half VM grid)", "< 10");
        Row("page state per Overview + VM grid pair (MB)", $"{F(render.CircuitMemoryMb, 2)} (server-side renderers, {render.Circuits} open)");

        var table = Table(rows);
        System.Console.WriteLine(table);
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["mode"] = settings.Mode,
            ["failoverOverheadRatio"] = Math.Round(overhead, 3),
            ["sequentialBaselineRatio"] = Math.Round(baseline, 3),
            ["failoverSeconds"] = Math.Round(parallel?.WallSeconds ?? double.NaN, 3),
            ["failoverLowerBoundSeconds"] = Math.Round(parallel?.Bound.Seconds ?? double.NaN, 3),
            ["planFailoverOverheadRatio"] = Math.Round(planOverhead, 3),
            ["planFailoverSeconds"] = Math.Round(planRun?.WallSeconds ?? double.NaN, 3),
            ["planFailoverLowerBoundSeconds"] = Math.Round(planRun?.Bound.Seconds ?? double.NaN, 3),
            ["inventoryRefreshMs10k"] = Math.Round(inventory.FullPollMedianMs, 1),
            ["inventoryAllocatedMb"] = Math.Round(inventory.AllocatedMbPerPoll, 1),
            ["inventoryParseMs10k"] = Math.Round(split.ConsoleMedianMs, 1),
            ["inventoryLabRenderMs10k"] = Math.Round(split.LabMedianMs, 1),
            ["inventoryEventToStoreMs"] = Math.Round(inventory.EventToStoreMs, 1),
            ["hubP50Ms"] = Math.Round(hub.P50Ms, 1),
            ["hubP99Ms"] = Math.Round(hub.P99Ms, 1),
            ["hubLost"] = hub.Lost,
            ["hubReordered"] = hub.OutOfOrder,
            ["hubPerEventP50Ms"] = Math.Round(perEvent.P50Ms, 1),
            ["hubPerEventP99Ms"] = Math.Round(perEvent.P99Ms, 1),
            ["hubPerEventLost"] = perEvent.Lost,
            ["hubPerEventReordered"] = perEvent.OutOfOrder,
            ["overviewRenderMs"] = Math.Round(render.OverviewMedianMs, 1),
            ["vmGridRenderMs"] = Math.Round(render.VmsMedianMs, 1),
            ["circuitMemoryMb"] = Math.Round(circuitMemoryMb, 2),
            ["pageStateMemoryMb"] = Math.Round(render.CircuitMemoryMb, 2),
        }, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        if (resultsFile is not null && !onlyConsole)
        {
            WriteResults(resultsFile, settings.Mode, table, json);
        }

        System.Console.WriteLine(json);
        return 0;
    }

    private static string F(double value, int digits) => value.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string Table(List<(string Figure, string Value, string Target)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| figure | value | target |").AppendLine("|---|---|---|");
        foreach (var (figure, value, target) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {value} | {target} |");
        }

        return text.ToString();
    }

    /// <summary>Replaces the block between <c>&lt;!-- results:MODE --&gt;</c> markers with this run's machine, table and JSON.</summary>
    private static void WriteResults(string file, string mode, string table, string json)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var block = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"<!-- results:{mode}:begin -->")
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, `{mode}` mode. Machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
                $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F1} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, server GC. " +
                $"Load average at the end: {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown")}.")
            .AppendLine()
            .Append(table)
            .AppendLine()
            .AppendLine("```json").AppendLine(json).AppendLine("```")
            .AppendLine(CultureInfo.InvariantCulture, $"<!-- results:{mode}:end -->")
            .ToString();
        var text = File.Exists(file) ? File.ReadAllText(file) : "";
        var begin = text.IndexOf($"<!-- results:{mode}:begin -->", StringComparison.Ordinal);
        var endMarker = $"<!-- results:{mode}:end -->";
        var end = text.IndexOf(endMarker, StringComparison.Ordinal);
        text = begin >= 0 && end > begin
            ? text[..begin] + block.TrimEnd('\n') + text[(end + endMarker.Length)..]
            : text + Environment.NewLine + block;
        File.WriteAllText(file, text);
    }
}
