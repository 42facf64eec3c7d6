using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>The rules of a plan's VM list: known VMs of the plan's groups, priorities, delays, probes and start dependencies.</summary>
internal static class PlanVmRules
{
    public static void Check(RecoveryPlanDefinition plan, string planKey, PlanScope? scope, IReadOnlySet<string>? estateVms, MappingFindingSink sink)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var v = 0; v < plan.Vms.Count; v++)
        {
            var vm = plan.Vms[v];
            var key = $"{planKey}.vms[{v}]";
            if (!seen.TryAdd(vm.Name, v))
            {
                sink.Error(PlanFindingCodes.VmDuplicate, $"{key}.name", $"VM '{vm.Name}' is listed twice in plan '{plan.Name}'.",
                    "Keep one entry per VM.");
            }
            else if (estateVms is not null && !estateVms.Contains(vm.Name))
            {
                sink.Error(PlanFindingCodes.VmUnknown, $"{key}.name",
                    $"Plan '{plan.Name}' lists VM '{vm.Name}', which the primary site does not have.",
                    "Check the VM's name (case-sensitive) at Sites → primary → VMs, or remove the entry.");
            }
            else if (scope?.Vms is { } vms && !vms.Contains(vm.Name))
            {
                sink.Error(PlanFindingCodes.VmNotInPlan, $"{key}.name",
                    $"Plan '{plan.Name}' lists VM '{vm.Name}', whose disks are not on the storage domains of its protection groups ({string.Join(", ", plan.ProtectionGroups)}).",
                    "Add the storage domain the VM's disks are on to one of the plan's groups, or list the VM in the plan that recovers it.");
            }

            if (vm.Priority is < PlanVm.LowestPriority or > PlanVm.HighestPriority)
            {
                sink.Error(PlanFindingCodes.VmBadPriority, $"{key}.priority",
                    $"VM '{vm.Name}' has priority {vm.Priority}; priority groups are 1 (first) to 5 (last).",
                    $"Write a priority from 1 to 5 (without one, a VM starts in group {PlanVm.DefaultPriority}).");
            }

            if (vm.StartDelaySeconds < 0)
            {
                sink.Error(PlanFindingCodes.VmBadDelay, $"{key}.start_delay_seconds",
                    $"VM '{vm.Name}' has a start delay of {vm.StartDelaySeconds} seconds.", "Write 0 or more seconds.");
            }

            if (vm.Probe is { } probe)
            {
                CheckProbe(vm, probe, $"{key}.probe", sink);
            }
        }

        CheckDependencies(plan, planKey, scope, sink);
    }

    private static void CheckProbe(PlanVm vm, VmProbe probe, string key, MappingFindingSink sink)
    {
        if (probe.Kind == VmProbeKind.Tcp)
        {
            var colon = probe.Target.LastIndexOf(':');
            var host = colon > 0 ? probe.Target[..colon].Trim('[', ']') : string.Empty;
            if (host.Length == 0 || !int.TryParse(probe.Target[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535
                || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                sink.Error(PlanFindingCodes.ProbeBadTarget, $"{key}.tcp",
                    $"The TCP probe '{probe.Target}' of VM '{vm.Name}' is not host:port.",
                    "Write the address or name and a port from 1 to 65535, e.g. \"db01.example.com:5432\".");
            }
        }
        else if (!IsHttpUrl(probe.Target))
        {
            sink.Error(PlanFindingCodes.ProbeBadTarget, $"{key}.http",
                $"The HTTP probe '{probe.Target}' of VM '{vm.Name}' is not an http:// or https:// URL.",
                "Write the full URL, e.g. \"https://app01.example.com/health\".");
        }

        if (probe.TimeoutSeconds is <= 0)
        {
            sink.Error(PlanFindingCodes.ProbeBadTimeout, $"{key}.timeout_seconds",
                $"The probe of VM '{vm.Name}' has a timeout of {probe.TimeoutSeconds} seconds.",
                $"Write 1 or more seconds, or leave timeout_seconds out for {VmProbe.DefaultTimeoutSeconds}.");
        }
    }

    /// <summary>
    /// A dependency names a VM of the plan in the same or an earlier priority group (an earlier one is already verified when
    /// the group starts). One on a later group, or a cycle within a group, would leave the VM waiting for ever.
    /// </summary>
    private static void CheckDependencies(RecoveryPlanDefinition plan, string planKey, PlanScope? scope, MappingFindingSink sink)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var v = 0; v < plan.Vms.Count; v++)
        {
            var vm = plan.Vms[v];
            for (var d = 0; d < vm.After.Count; d++)
            {
                var name = vm.After[d];
                var key = $"{planKey}.vms[{v}].after[{d}]";
                var listed = plan.FindVm(name);
                if (listed is null && scope?.Vms is { } vms && !vms.Contains(name))
                {
                    sink.Error(PlanFindingCodes.DependencyUnknown, key,
                        $"VM '{vm.Name}' starts after '{name}', which is not a VM of plan '{plan.Name}'.",
                        "Name a VM on the plan's storage domains (case-sensitive), or remove the dependency.");
                    continue;
                }

                var priority = listed?.Priority ?? PlanVm.DefaultPriority;
                if (priority > vm.Priority)
                {
                    sink.Error(PlanFindingCodes.DependencyLaterGroup, key,
                        $"VM '{vm.Name}' (priority {vm.Priority}) starts after '{name}' (priority {priority}), whose group starts only after {vm.Name}'s is verified: it would never start.",
                        $"Move '{name}' to priority {vm.Priority} or earlier, or '{vm.Name}' to {priority} or later.");
                }
                else if (priority == vm.Priority)
                {
                    (edges.TryGetValue(vm.Name, out var list) ? list : edges[vm.Name] = []).Add(name);
                }
            }
        }

        foreach (var cycle in FindCycles(edges))
        {
            var index = plan.Vms.Select((vm, i) => (vm, i)).First(x => x.vm.Name == cycle[0]).i;
            sink.Error(PlanFindingCodes.DependencyCycle, $"{planKey}.vms[{index}].after",
                $"The start dependencies of plan '{plan.Name}' go round in a circle: {string.Join(" → ", cycle.Append(cycle[0]))}; none of them would start.",
                "Remove one dependency of the circle.");
        }
    }

    /// <summary>Each cycle once, starting at its first VM in file order.</summary>
    private static List<List<string>> FindCycles(Dictionary<string, List<string>> edges)
    {
        var cycles = new List<List<string>>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    cycles.Add(path[path.IndexOf(next)..]);
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var node in edges.Keys)
        {
            if (state.GetValueOrDefault(node) == 0)
            {
                Visit(node);
            }
        }

        return cycles;
    }

    internal static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
}
