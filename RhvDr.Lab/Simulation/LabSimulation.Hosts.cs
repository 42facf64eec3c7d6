using RhvDr.Lab.Control;

namespace RhvDr.Lab.Simulation;

/// <summary>Hosts, fencing, SPM and the lab's site/host faults.</summary>
public sealed partial class LabSimulation
{
    private const double AutoFenceSeconds = 60;

    public LabStatus GetStatus()
    {
        if (Options.IsActiveActive)
        {
            return new LabStatus(Options.Scenario, Options.TimeScale, StretchSiteStatuses(), Faults);
        }

        // Each site is read under its own lock: a status is a list of per-site facts, not one consistent cut across sites.
        var sites = Engines.Select(e => Read(e.Site, e => new LabSiteStatus(
            e.Site,
            e.DataCenterName,
            !e.Down,
            e.EngineUrl ?? "",
            e.Hosts.Count,
            e.Hosts.Values.Count(h => h.Status != "up"),
            e.StorageDomains.Count,
            e.Vms.Count))).ToList();
        return new LabStatus(Options.Scenario, Options.TimeScale, sites, Faults);
    }

    /// <summary>The whole site loses power: the engine stops answering, hosts go non_responsive, VMs die with them.</summary>
    public void SetSiteDown(string site, bool down) => SetSiteDown(site, down, fencingLost: true);

    /// <summary>
    /// Active/Passive: the site's engine and hosts go dark. Active/Active (a host site such as <c>primary</c>): the site's hosts
    /// go dark, and with <paramref name="fencingLost"/> their fencing devices too, so the engine cannot fence them and waits.
    /// </summary>
    public void SetSiteDown(string site, bool down, bool fencingLost)
    {
        if (FindStretchEngine(site) is { } stretch)
        {
            using (Lock(stretch, LockScope.Engine))
            {
                SetStretchSiteDown(stretch, site, down, fencingLost);
            }

            return;
        }

        // Coming back, HA VMs restart only where the array lets the site write their storage.
        var engine = GetEngine(site);
        using (Lock(engine, LockScope.EngineAndArray))
        {
            if (engine.Down == down)
            {
                return;
            }

            engine.Down = down;
            if (down)
            {
                foreach (var host in engine.Hosts.Values)
                {
                    host.Unreachable = true;
                    host.Status = "non_responsive";

                    // Recorded now, seen when the engine answers again: its audit log shows when each host was lost.
                    AddEvent(engine, EventCodes.VdsFailure, $"Host {host.Name} is non responsive.", hostId: host.Id);
                }

                foreach (var vm in engine.Vms.Values.Where(v => v.HostId is not null))
                {
                    vm.Status = "unknown";
                }
            }
            else
            {
                foreach (var host in engine.Hosts.Values)
                {
                    host.Unreachable = false;
                    host.Fenced = false;
                    host.Status = "up";
                    AddEvent(engine, EventCodes.VdsDetected, $"Status of host {host.Name} was set to Up.", hostId: host.Id);
                }

                // The power went out under the VMs: they are down now; HA ones come back where their storage is still writeable here.
                var restart = new List<SimVm>();
                foreach (var vm in engine.Vms.Values.Where(v => v.Status == "unknown"))
                {
                    SetVmDown(engine, vm, "Lost connection with qemu process", error: true);
                    if (vm.HighlyAvailable && vm.WantsUp && vm.StorageDomainIds.All(d => DomainWriteableAt(engine.Site, d)))
                    {
                        restart.Add(vm);
                    }
                }

                RestartHaVms(engine, restart);
            }

            Touch();
        }
    }

    public void SetHostDown(string site, string hostName, bool down)
    {
        var engine = FindStretchEngine(site) ?? GetEngine(site);
        using (Lock(engine, LockScope.Engine))
        {
            var host = engine.FindHost(hostName)
                ?? throw new EngineFaultException(404, $"Unknown host '{hostName}' at site '{site}'.", "Not Found");
            if (down)
            {
                if (host.Unreachable)
                {
                    return;
                }

                host.Unreachable = true;
                host.Status = "non_responsive";
                if (engine.Down)
                {
                    return;
                }

                AddEvent(engine, EventCodes.VdsFailure, $"Host {host.Name} is non responsive.", hostId: host.Id);
                foreach (var vm in engine.Vms.Values.Where(v => v.HostId == host.Id))
                {
                    vm.Status = "unknown";
                    AddEvent(engine, EventCodes.VmNotResponding, $"VM {vm.Name} is not responding.", hostId: host.Id, vmId: vm.Id);
                }

                if (host.PowerManagementEnabled && !host.FencingLost)
                {
                    // The engine fences a non-responsive host through its power management, then restarts its HA VMs.
                    After(engine, AutoFenceSeconds, () =>
                    {
                        if (host.Unreachable && !host.Fenced && !engine.Down)
                        {
                            FenceHost(engine, host, EventCodes.SystemVdsRestart, $"Host {host.Name} was restarted by the engine.");
                        }
                    });
                }
            }
            else
            {
                if (!host.Unreachable)
                {
                    return;
                }

                host.Unreachable = false;
                host.Fenced = false;
                host.FencingLost = false;
                if (engine.Down)
                {
                    return;
                }

                host.Status = "up";
                AddEvent(engine, EventCodes.VdsDetected, $"Status of host {host.Name} was set to Up.", hostId: host.Id);
                foreach (var vm in engine.Vms.Values.Where(v => v.HostId == host.Id && v.Status == "unknown"))
                {
                    vm.Status = "up";
                }
            }

            Touch();
        }
    }

    public Task<SimJob> FenceHostAsync(SimEngine engine, string hostId, string fenceType, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        var manual = string.Equals(fenceType, "manual", StringComparison.OrdinalIgnoreCase);
        SimHost Validate()
        {
            var host = engine.Hosts.GetValueOrDefault(hostId) ?? throw EngineFaultException.NotFound("host", hostId);
            if (manual && host.Status is not ("non_responsive" or "down" or "connecting"))
            {
                throw EngineFaultException.Conflict($"Cannot confirm 'Host has been rebooted' Host. Host {host.Name} status is {host.Status}; it must be non responsive");
            }

            if (!manual && !host.PowerManagementEnabled)
            {
                throw EngineFaultException.Conflict($"Cannot {fenceType} Host. Power Management is not enabled for Host {host.Name}");
            }

            if (fenceType is not ("manual" or "restart" or "stop" or "start" or "status"))
            {
                throw EngineFaultException.BadRequest($"Unknown fence type '{fenceType}'");
            }

            return host;
        }

        var operation = new EngineOperation<SimHost>
        {
            Description = $"Fencing host {hostId} ({fenceType})",
            CorrelationId = correlationId,
            Validate = Validate,
            Duration = _ => manual ? 0 : 30,
            Complete = host =>
            {
                switch (fenceType)
                {
                    case "manual":
                        FenceHost(engine, host, EventCodes.VdsManualFenceStatus, $"Manual fence for host {host.Name} was started.");
                        break;
                    case "restart":
                        FenceHost(engine, host, EventCodes.UserVdsRestart, $"Host {host.Name} was restarted by {EventCodes.UserName}.");
                        host.Status = host.Unreachable ? "non_responsive" : "up";
                        break;
                    case "stop":
                        FenceHost(engine, host, EventCodes.UserVdsStop, $"Host {host.Name} was stopped by {EventCodes.UserName}.");
                        host.Status = "down";
                        break;
                    case "start":
                        host.Status = host.Unreachable ? "non_responsive" : "up";
                        AddEvent(engine, EventCodes.UserVdsStart, $"Host {host.Name} was started by {EventCodes.UserName}.", hostId: host.Id);
                        break;
                }
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    /// <summary>
    /// Maintenance as the engine does it: refused while a pinned (non-migratable) VM runs on the host; otherwise the host is
    /// <c>preparing_for_maintenance</c> while its VMs live-migrate to hosts with room, and reaches <c>maintenance</c> when the
    /// last one has left. A VM no host can take stays, and so does the host, until an operator migrates or stops it.
    /// Activation also cancels a maintenance in progress.
    /// </summary>
    public Task<SimJob> SetHostMaintenanceAsync(SimEngine engine, string hostId, bool maintenance, string? correlationId, bool wait, CancellationToken cancellationToken) =>
        SetHostMaintenanceAsync(engine, hostId, maintenance, reason: null, correlationId, wait, cancellationToken);

    /// <param name="reason">The reason a user gives for maintenance (the engine's audit message names it); null for none.</param>
    public Task<SimJob> SetHostMaintenanceAsync(SimEngine engine, string hostId, bool maintenance, string? reason, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        SimHost Validate()
        {
            var host = engine.Hosts.GetValueOrDefault(hostId) ?? throw EngineFaultException.NotFound("host", hostId);
            if (maintenance && host.Status is not ("up" or "non_operational" or "preparing_for_maintenance"))
            {
                throw EngineFaultException.Conflict($"Cannot switch Host to Maintenance mode. Host {host.Name} status is {host.Status}");
            }

            var pinned = engine.Vms.Values.Where(v => v.HostId == host.Id && v.Status != "down" && v.PlacementAffinity == "pinned").Select(v => v.Name).ToList();
            if (maintenance && pinned.Count > 0)
            {
                throw EngineFaultException.Conflict(
                    $"Cannot switch the following Hosts to Maintenance mode: {host.Name}. One or more running VMs are indicated as non-migratable. The non-migratable VMs are: {string.Join(", ", pinned)}.");
            }

            if (!maintenance && host.Status is not ("maintenance" or "preparing_for_maintenance" or "down" or "non_operational"))
            {
                throw EngineFaultException.Conflict($"Cannot activate Host. Host {host.Name} status is {host.Status}");
            }

            if (!maintenance && host.Unreachable)
            {
                throw EngineFaultException.Conflict($"Cannot activate Host. Host {host.Name} is not reachable");
            }

            return host;
        }

        var operation = new EngineOperation<SimHost>
        {
            Description = $"{(maintenance ? "Moving host to maintenance" : "Activating host")} {hostId}",
            CorrelationId = correlationId,
            Validate = Validate,
            Apply = host =>
            {
                if (maintenance)
                {
                    host.Status = "preparing_for_maintenance";
                    host.MaintenanceReason = string.IsNullOrWhiteSpace(reason) ? null : reason;
                    EvacuateHost(engine, host);
                    return;
                }

                host.Status = "connecting";
                AddEvent(engine, EventCodes.VdsActivate, $"Activation of host {host.Name} initiated by {EventCodes.UserName}.", hostId: host.Id);
            },
            Duration = _ => maintenance ? 5 : 10,
            Complete = host =>
            {
                if (maintenance)
                {
                    if (!CompleteMaintenanceIfEmpty(engine, host) && host.Status == "preparing_for_maintenance"
                        && !engine.Vms.Values.Any(v => v.HostId == host.Id && v.Status == "migrating"))
                    {
                        AddEvent(engine, EventCodes.UserVdsMaintenanceMigrationFailed,
                            $"Host {host.Name} cannot change into maintenance mode - not all Vms have been migrated successfully. Consider manual intervention: stopping/migrating Vms running on this host. (User: {EventCodes.UserName}).",
                            hostId: host.Id);
                    }

                    return;
                }

                host.Status = "up";
                AddEvent(engine, EventCodes.VdsDetected, $"Status of host {host.Name} was set to Up.", hostId: host.Id);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    /// <summary>A host preparing for maintenance with no VM left on it enters maintenance (the SPM role moves on). True when it did.</summary>
    internal bool CompleteMaintenanceIfEmpty(SimEngine engine, SimHost host)
    {
        if (host.Status != "preparing_for_maintenance" || engine.Vms.Values.Any(v => v.HostId == host.Id && v.Status != "down"))
        {
            return false;
        }

        host.Status = "maintenance";
        if (host.IsSpm)
        {
            host.IsSpm = false;
            ElectSpm(engine);
        }

        // Every maintenance in the lab is a user's request.
        if (host.MaintenanceReason is { } reason)
        {
            AddEvent(engine, EventCodes.UserVdsMaintenance, $"Host {host.Name} was switched to Maintenance mode by {EventCodes.UserName} (Reason: {reason}).", hostId: host.Id);
        }
        else
        {
            AddEvent(engine, EventCodes.UserVdsMaintenanceWithoutReason, $"Host {host.Name} was switched to Maintenance mode by {EventCodes.UserName}.", hostId: host.Id);
        }

        return true;
    }

    public Task<SimJob> IscsiLoginAsync(SimEngine engine, string hostId, string? address, string? target, string? correlationId, CancellationToken cancellationToken)
    {
        (SimHost Host, string Address) Validate()
        {
            var host = engine.Hosts.GetValueOrDefault(hostId) ?? throw EngineFaultException.NotFound("host", hostId);
            if (host.Status != "up")
            {
                throw EngineFaultException.Conflict($"Cannot login to iSCSI target. Host {host.Name} status is {host.Status}");
            }

            if (string.IsNullOrEmpty(address))
            {
                throw EngineFaultException.BadRequest("iscsi.address is required");
            }

            var reachable = Pairs.Any(p => p.Endpoints.TryGetValue(engine.Site, out var ep) && ep.Address == address && (target is null || ep.Target == target))
                || engine.StorageDomains.Values.Any(d => d.Address == address);
            if (!reachable)
            {
                throw EngineFaultException.BadRequest($"Failed to connect Host {host.Name} to Storage Servers: no iSCSI target {target} at {address}");
            }

            return (host, address);
        }

        // The array says which targets the site's hosts can reach.
        var operation = new EngineOperation<(SimHost Host, string Address)>
        {
            Description = $"Logging host {hostId} in to iSCSI target {target}",
            CorrelationId = correlationId,
            Scope = LockScope.EngineAndArray,
            Validate = Validate,
            Duration = _ => 2,
            // The engine logs no audit event for an iSCSI login.
            Complete = t => t.Host.IscsiSessions.Add(t.Address),
        };
        return RunOperationAsync(engine, operation, wait: true, cancellationToken);
    }

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
