using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Hosting;
using RhvDr.Core.Data;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Plans;
using RhvDr.Core.Recovery;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Lab.Simulation;
using RhvDr.Tests.Support;

namespace RhvDr.Bench;

/// <summary>
/// A disaster failover of one recovery plan that holds the whole estate in five priority groups with dependencies, through
/// the production run engine over real HTTP to the lab, against the lab's lower bound for a plan (groups are barriers, each
/// VM counts once its guest agent has reported or the console's wait for one has run out).
/// </summary>
public static class PlanFailoverBenchmark
{
    public const string PlanName = "bench-estate";

    /// <summary>Every this many VMs of a priority group, one waits for the VM before it: chains of two inside each group.</summary>
    private const int DependencyEvery = 25;

    /// <summary>Simulated seconds the console waits for a guest agent that never reports.</summary>
    private const double GuestAgentTimeoutSimulated = 120;

    public sealed record Result(double WallSeconds, PlanFailoverLowerBound Bound, int Vms, int Dependencies, int Verified, int Unverified, int Failed, string Status, IReadOnlyList<(int Group, double Seconds)> Groups);

    public static async Task<Result> RunAsync(BenchSettings settings, CancellationToken ct)
    {
        var scale = settings.FailoverTimeScale;
        var labOptions = new LabOptions
        {
            TimeScale = scale,
            VmsPerSite = settings.FailoverVms,
            HostsPerSite = settings.FailoverHostsPerSite,
            DataDomains = settings.FailoverDataDomains,
        };
        await using var lab = await LabServer.StartAsync(labOptions, cancellationToken: ct);
        using var controlHttp = new HttpClient { BaseAddress = lab.ControlUrl };
        var control = new LabControlClient(controlHttp, lab.ControlToken);
        await using var core = await CoreHost.StartAsync(lab, new Dictionary<string, string?>
        {
            ["RhvDr:Recovery:MaxParallelStarts"] = settings.MaxParallel.ToString(CultureInfo.InvariantCulture),
            ["RhvDr:Recovery:PollInterval"] = TimeSpan.FromSeconds(2 * scale).ToString(),
            ["RhvDr:Recovery:GuestAgentTimeout"] = TimeSpan.FromSeconds(GuestAgentTimeoutSimulated * scale).ToString(),
            ["Lab:TimeScale"] = scale.ToString(CultureInfo.InvariantCulture),
            ["RhvDr:Security:FourEyes:Failover"] = "Never",
        }, ct, configure: builder =>
        {
            builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            builder.Services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
            builder.AddRhvDrMapping();
            builder.AddRhvDrPlans();
        });
        var services = core.Host.Services;

        var store = services.GetRequiredService<IInventoryStore>();
        while (!(store.Current.Sites.Count == 2 && store.Current.Sites.All(s => s.Inventory.Vms.Count > 0)))
        {
            await Task.Delay(50, ct);
        }

        // The lab's first mapping is generated from its estate; the plan holds every domain that mapping maps.
        var mappings = services.GetRequiredService<IMappingStore>();
        while (await mappings.GetActiveAsync(ct) is null)
        {
            await Task.Delay(50, ct);
        }

        var running = store.Current.Find("primary")!.Inventory.Vms.Where(v => v.IsRunning).Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
        var (plan, groups, dependencies) = Plan(running);
        await services.GetRequiredService<IPlanStore>().SaveAsync(
            new PlanDocument { Plans = [plan] }, [], "bench", "five priority groups over the whole estate", ct);

        var verify = lab.Simulation.Read("primary", engine => engine.Vms.Values.ToDictionary(
            v => v.Name, v => v.HasGuestAgent ? v.GuestAgentDelaySeconds : GuestAgentTimeoutSimulated, StringComparer.Ordinal));
        IReadOnlyList<IReadOnlyList<PlanBoundVm>> boundGroups = [.. groups.Select(g => (IReadOnlyList<PlanBoundVm>)[.. g.Select(vm =>
            new PlanBoundVm(vm.Name, [.. vm.After], verify[vm.Name]))])];
        var domains = lab.Simulation.ListPairs().Select(p => p.DomainName).ToHashSet(StringComparer.Ordinal);
        var bound = lab.Simulation.PlanFailoverLowerBound("primary", "recovery", domains, boundGroups, settings.MaxParallel, settings.ApiLatencyMs);

        await control.SetFaultsAsync(new LabFaults(0, settings.ApiLatencyMs), ct);
        var runner = services.GetRequiredService<RecoveryRunner>();
        var bench = new RhvDr.Core.Security.Actor("bench", RhvDr.Core.Security.Role.Operator, "local");

        // Before a drill, as a DR admin would: the primary's OVF stores updated (POST /storagedomains/{id}/updateovfstore),
        // so the drill and the failover recover the same VMs.
        var primaryEngine = await services.GetRequiredService<IEngineClientFactory>().GetClientAsync("primary", ct);
        foreach (var domain in (await primaryEngine.GetStorageDomainsAsync(ct)).Where(d => d.Type == "data" && d.Id is not null))
        {
            await primaryEngine.PostActionAsync($"storagedomains/{domain.Id}/updateovfstore", new { }, "bench", ct);
        }

        // The plan's drill first, as production would have run it: its test failover records how long each VM took to
        // verify, which orders the failover's starts within each group. Neither run is timed.
        foreach (var kind in new[] { RunKind.Test, RunKind.Cleanup })
        {
            var drill = await RunToEndAsync(runner, new RunRequest(kind, RunMode.Planned, null, null, bench, Plan: PlanName), ct);
            if (drill.Run.Status != RunStatus.Succeeded)
            {
                throw new InvalidOperationException($"The plan's drill {kind} ended {drill.Run.Status}: {drill.Run.Error}");
            }
        }

        await control.SetSiteDownAsync("primary", ct);
        var details = await RunToEndAsync(runner, new RunRequest(RunKind.Failover, RunMode.Disaster, "primary", null, bench, Plan: PlanName), ct);

        var wall = details.Run.Duration?.TotalSeconds ?? double.NaN;
        var start = details.Run.StartedAt ?? DateTimeOffset.UtcNow;

        // Each priority group from its first VM start to its last VM settled, as the run recorded them.
        var group = plan.Vms.ToDictionary(v => v.Name, v => v.Priority, StringComparer.Ordinal);
        var perGroup = details.Vms.Where(v => group.ContainsKey(v.VmName) && v.StartedAt is not null)
            .GroupBy(v => group[v.VmName]).OrderBy(g => g.Key)
            .Select(g => (g.Key, (g.Max(v => v.UpAt ?? v.StartedAt!.Value) - g.Min(v => v.StartedAt!.Value)).TotalSeconds)).ToList();
        // Between groups: from a group's last VM settled (verified, or up unverified at the agent timeout) to the next one's first start.
        var settled = details.Vms.Where(v => group.ContainsKey(v.VmName) && v.VerifiedAt is not null).GroupBy(v => group[v.VmName])
            .ToDictionary(g => g.Key, g => g.Max(v => v.VerifiedAt!.Value));
        var firstStart = details.Vms.Where(v => group.ContainsKey(v.VmName) && v.StartedAt is not null).GroupBy(v => group[v.VmName])
            .ToDictionary(g => g.Key, g => g.Min(v => v.StartedAt!.Value));
        System.Console.Error.WriteLine("  between groups (last settled → next first start): " + string.Join(", ",
            settled.Keys.Where(g => firstStart.ContainsKey(g + 1)).Order().Select(g => $"{g}→{g + 1}: {(firstStart[g + 1] - settled[g]).TotalSeconds:F2}s")) +
            $"; last settled → run end {((details.Run.FinishedAt ?? start) - settled.Values.DefaultIfEmpty(start).Max()).TotalSeconds:F2}s");
        System.Console.Error.WriteLine("  plan groups: " + string.Join(", ", perGroup.Select(g => $"{g.Key}: {g.TotalSeconds:F2}s (bound {bound.GroupSeconds[g.Key - 1]:F2}s)")) +
            $"; first start {((details.Vms.Where(v => v.StartedAt is not null).Select(v => v.StartedAt!.Value).DefaultIfEmpty(start).Min()) - start).TotalSeconds:F2}s after the run's start (bound: first domain ready {bound.FirstDomainReadySeconds:F2}s)");
        return new Result(wall, bound, running.Count, dependencies,
            details.Vms.Count(v => v.Verification == VmVerification.Verified), details.Vms.Count(v => v.Verification == VmVerification.UpUnverified),
            details.Vms.Count(v => v.Failed), details.Run.Status.ToString(), perGroup);
    }

    private static async Task<RunDetails> RunToEndAsync(RecoveryRunner runner, RunRequest request, CancellationToken ct)
    {
        var started = await runner.StartAsync(request, ct);
        while (true)
        {
            var details = (await runner.GetAsync(started.Run.Id, ct))!;
            if (!details.Run.IsActive)
            {
                return details;
            }

            await Task.Delay(20, ct);
        }
    }

    /// <summary>The running VMs, by name, dealt into priority groups 1 to 5; every <see cref="DependencyEvery"/>th waits for the one before it.</summary>
    private static (RecoveryPlanDefinition Plan, List<List<PlanVm>> Groups, int Dependencies) Plan(IReadOnlyList<string> running)
    {
        var groups = Enumerable.Range(0, 5).Select(_ => new List<PlanVm>()).ToList();
        var dependencies = 0;
        for (var i = 0; i < running.Count; i++)
        {
            var members = groups[i % 5];
            var after = members.Count > 0 && members.Count % DependencyEvery == 0 ? new ValueList<string>([members[^1].Name]) : ValueList<string>.Empty;
            dependencies += after.Count;
            members.Add(new PlanVm { Name = running[i], Priority = (i % 5) + 1, After = after });
        }

        var plan = new RecoveryPlanDefinition
        {
            Name = PlanName,
            Description = "The whole estate in five priority groups",
            ProtectionGroups = [ProtectionGroup.All],
            Vms = new ValueList<PlanVm>(groups.SelectMany(g => g)),
        };
        return (plan, groups, dependencies);
    }
}
