using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Configuration;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Lab.Simulation;

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
        var directory = Path.Combine(Path.GetTempPath(), "rhvdr-bench-" + Guid.NewGuid().ToString("N"));
        using var controlHttp = new HttpClient { BaseAddress = lab.ControlUrl };
        var control = new LabControlClient(controlHttp);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RhvDr:DatabasePath"] = Path.Combine(directory, "rhvdr.db"),
            ["RhvDr:Sites:0:Name"] = "primary",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "lab:primary",
            ["RhvDr:Sites:1:Name"] = "recovery",
            ["RhvDr:Sites:1:Role"] = "Recovery",
            ["RhvDr:Sites:1:EngineUrl"] = "lab:recovery",
            ["RhvDr:Recovery:MaxParallelStarts"] = maxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Production polls every 2 s against 15 s boots; the lab's time scale shrinks both alike.
            ["RhvDr:Recovery:PollInterval"] = TimeSpan.FromSeconds(2 * settings.FailoverTimeScale).ToString(),
            ["Lab:TimeScale"] = settings.FailoverTimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddRhvDrCore();
        builder.AddRhvDrRecovery();
        using var host = builder.Build();
        var registry = host.Services.GetRequiredService<EngineEndpointRegistry>();
        foreach (var site in lab.Sites)
        {
            registry.Register(site.Name, new EngineEndpoint(site.EngineUrl, site.Username, site.Password, EngineTlsOptions.SystemTrust));
        }

        registry.RegisterReplicationSource(lab.ControlUrl);
        await host.StartAsync(ct);
        try
        {
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
            var started = await runner.StartAsync(new RunRequest(RunKind.Failover, RunMode.Disaster, "primary", null, "bench"), ct);
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
            return new Result(wall, bound, details.Vms.Count(v => v.Up), details.Vms.Count(v => v.Failed), details.Run.Status.ToString(), steps, details.Run.LastSequence);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }
}
