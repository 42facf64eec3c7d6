namespace RhvDr.Lab.Simulation;

/// <summary>The engine's own decisions: SPM election, fencing, HA restarts, evacuation and host selection by free memory.</summary>
public sealed partial class LabSimulation
{
    /// <summary>The SPM host of the engine's data center, electing a new one when the old one is gone; faults when none can be.</summary>
    internal SimHost EnsureSpm(SimEngine engine, string action)
    {
        var current = engine.Hosts.Values.FirstOrDefault(h => h.IsSpm);
        if (current is { Status: "up" })
        {
            return current;
        }

        if (current is not null && current.Status == "non_responsive" && !current.Fenced)
        {
            // sanlock still holds the SPM lease for the lost host: nothing moves until it is fenced.
            throw EngineFaultException.Conflict(
                $"Cannot {action}. The Storage Pool Manager host {current.Name} is non responsive; fence it or confirm 'Host has been rebooted' so another host can become SPM");
        }

        return ElectSpm(engine) ?? throw EngineFaultException.Conflict($"Cannot {action}. There is no active Host in the Data Center");
    }

    private SimHost? ElectSpm(SimEngine engine)
    {
        foreach (var host in engine.Hosts.Values)
        {
            host.IsSpm = false;
        }

        // The engine prefers the highest SPM priority; -1 never becomes SPM.
        var elected = engine.Hosts.Values.Where(h => h.Status == "up" && h.SpmPriority >= 0).OrderByDescending(h => h.SpmPriority).FirstOrDefault();
        if (elected is not null)
        {
            elected.IsSpm = true;
            AddEvent(engine, EventCodes.IrsHostedOnVds, $"Storage Pool Manager runs on Host {elected.Name} (Address: {elected.Address}), Data Center {engine.DataCenterName}.", hostId: elected.Id);
        }

        return elected;
    }

    /// <summary>The engine knows the host is off: its VMs are down, its SPM role is free, and HA VMs restart elsewhere.</summary>
    private void FenceHost(SimEngine engine, SimHost host, EngineEventCode type, string message, List<SimVm>? restartLater = null)
    {
        host.Fenced = true;
        AddEvent(engine, type, message, hostId: host.Id);
        var restart = new List<SimVm>();
        foreach (var vm in engine.Vms.Values.Where(v => v.HostId == host.Id).ToList())
        {
            SetVmDown(engine, vm, "VM was running on a host that was fenced", error: true);
            if (vm.HighlyAvailable && vm.WantsUp)
            {
                AddEvent(engine, EventCodes.HaVmFailed, $"Highly Available VM {vm.Name} failed. It will be restarted automatically.", vmId: vm.Id);
                restart.Add(vm);
            }
        }

        if (host.IsSpm)
        {
            host.IsSpm = false;
            ElectSpm(engine);
        }

        if (restartLater is not null)
        {
            restartLater.AddRange(restart);
            return;
        }

        RestartHaVms(engine, restart);
    }

    private void RestartHaVms(SimEngine engine, List<SimVm> vms)
    {
        foreach (var vm in vms.OrderByDescending(v => v.HaPriority))
        {
            var host = PickHost(engine, vm, exclude: null);
            if (host is null)
            {
                // No host has room for it.
                AddEvent(engine, EventCodes.HaVmRestartFailed, $"Restart of the Highly Available VM {vm.Name} failed.", vmId: vm.Id);
                continue;
            }

            BootVm(engine, vm, host, restartedByHa: true);
        }
    }

    /// <summary>Live-migrates every up VM off a host going to maintenance, each where the scheduler finds room.</summary>
    private void EvacuateHost(SimEngine engine, SimHost host)
    {
        foreach (var vm in engine.Vms.Values.Where(v => v.HostId == host.Id && v.Status == "up").ToList())
        {
            if (PickHost(engine, vm, exclude: host.Id) is { } target)
            {
                AddEvent(engine, EventCodes.VmMigrationStartSystemInitiated,
                    $"Migration initiated by system (VM: {vm.Name}, Source: {host.Name}, Destination: {target.Name}, Reason: Host preparing for maintenance).", hostId: host.Id, vmId: vm.Id);
                BeginMigration(engine, vm, target);
            }
            else
            {
                AddEvent(engine, EventCodes.VmMigrationNoVdsToMigrateTo, $"No available host was found to migrate VM {vm.Name} to.", hostId: host.Id, vmId: vm.Id);
                AddEvent(engine, EventCodes.VmMigrationFailedDuringMoveToMaintenanceNoDestinationVds,
                    $"Migration failed while Source Host is in 'preparing for maintenance' state. Consider manual intervention: stopping/migrating Vms as Host's state will not turn to maintenance while VMs are still running on it.(VM: {vm.Name}, Source: {host.Name}).",
                    hostId: host.Id, vmId: vm.Id);
            }
        }
    }

    /// <summary>
    /// An up host of the VM's cluster with memory for it, least loaded first, preferring hosts that share an affinity label with
    /// the VM (soft VM-to-host affinity, as Active/Active sites use); null when none has capacity.
    /// </summary>
    internal SimHost? PickHost(SimEngine engine, SimVm vm, string? exclude)
    {
        var preferred = engine.AffinityLabels.Values.Where(l => l.VmIds.Contains(vm.Id)).SelectMany(l => l.HostIds).ToHashSet(StringComparer.Ordinal);
        var used = UsedMemory(engine);
        SimHost? best = null;
        long bestFree = 0;
        foreach (var host in engine.Hosts.Values)
        {
            if (host.Status != "up" || host.ClusterId != vm.ClusterId || host.Id == exclude)
            {
                continue;
            }

            var free = host.MemoryBytes - used.GetValueOrDefault(host.Id);
            if (free < vm.MemoryBytes)
            {
                continue;
            }

            var better = best is null
                || (preferred.Contains(host.Id) && !preferred.Contains(best.Id))
                || (preferred.Contains(host.Id) == preferred.Contains(best.Id) && free > bestFree);
            if (better)
            {
                best = host;
                bestFree = free;
            }
        }

        return best;
    }

    /// <summary>A host's memory less what its VMs use and what VMs migrating to it hold there.</summary>
    public static long FreeMemory(SimEngine engine, SimHost host) => host.MemoryBytes - UsedMemory(engine).GetValueOrDefault(host.Id);

    /// <summary>Memory in use per host id: running VMs, and a migrating VM at both its source and its destination.</summary>
    private static Dictionary<string, long> UsedMemory(SimEngine engine)
    {
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var vm in engine.Vms.Values.Where(v => v.Status != "down"))
        {
            if (vm.HostId is not null)
            {
                used[vm.HostId] = used.GetValueOrDefault(vm.HostId) + vm.MemoryBytes;
            }

            if (vm.MigratingToHostId is not null)
            {
                used[vm.MigratingToHostId] = used.GetValueOrDefault(vm.MigratingToHostId) + vm.MemoryBytes;
            }
        }

        return used;
    }

    /// <summary>
    /// Whether a domain's volume is writeable at a site, as far as the array knows (domains without a pair always are).
    /// The caller holds the array's lock.
    /// </summary>
    internal bool DomainWriteableAt(string site, string domainId)
    {
        var pair = Pairs.FirstOrDefault(p => p.DomainId == domainId);
        if (pair is null || FindEngine(site) is { IsStretch: true })
        {
            // Active/Active storage is writeable at both sites at once.
            return true;
        }

        return pair.SourceSite == site ? pair.State != "promoted" && !pair.SourceDemoted : pair.State == "promoted" || pair.TestCopyActive;
    }
}
