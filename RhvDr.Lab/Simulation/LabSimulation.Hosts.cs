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
}
