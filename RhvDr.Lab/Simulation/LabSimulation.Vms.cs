using System.Globalization;

namespace RhvDr.Lab.Simulation;

/// <summary>VM power operations: start, shutdown, stop and live migration, and how a VM boots and goes down.</summary>
public sealed partial class LabSimulation
{
    private const double LaunchSeconds = 5;
    private const double BootSeconds = 10;
    private const double ShutdownSeconds = 20;
    private const double StopSeconds = 3;
    private const double MigrateSeconds = 10;
    private const double RegisterSeconds = 3;

    /// <summary>
    /// Starts a VM; with <paramref name="cloudInit"/> (a start with <c>use_cloud_init</c> and <c>vm.initialization</c>) the
    /// guest applies that initialization as it boots, and keeps it.
    /// </summary>
    public Task<SimJob> StartVmAsync(SimEngine engine, string vmId, SimInitialization? cloudInit, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        (SimVm Vm, SimHost Host) Validate()
        {
            var vm = engine.Vms.GetValueOrDefault(vmId) ?? throw EngineFaultException.NotFound("vm", vmId);
            if (vm.Status != "down")
            {
                throw EngineFaultException.Conflict($"Cannot run VM. VM {vm.Name} is {vm.Status}");
            }

            if (cloudInit is not null && vm.OsType.StartsWith("windows", StringComparison.Ordinal))
            {
                throw EngineFaultException.BadRequest($"Cannot run VM. VM {vm.Name} has OS type {vm.OsType}, which does not support cloud-init; Windows guests are initialized with sysprep");
            }

            if (Faults.VmsFailingToStart?.Contains(vm.Name, StringComparer.OrdinalIgnoreCase) == true)
            {
                throw EngineFaultException.Conflict($"Cannot run VM {vm.Name}. Failed to prepare the VM's boot disk: Bad volume specification (lab fault injection)");
            }

            foreach (var domainId in vm.StorageDomainIds)
            {
                var domain = engine.StorageDomains.GetValueOrDefault(domainId);
                if (domain is not { Status: "active" })
                {
                    throw EngineFaultException.Conflict(
                        $"Cannot run VM. The VM's disks are on storage domain {domain?.Name ?? domainId} which is {domain?.Status ?? "not present"}");
                }
            }

            var host = PickHost(engine, vm, exclude: null) ?? throw EngineFaultException.Conflict(
                $"Cannot run VM. There is no host that satisfies current scheduling constraints. See below for details:, No up host in cluster {engine.Clusters.GetValueOrDefault(vm.ClusterId)?.Name} has {vm.MemoryBytes / (1 << 20)} MB of free memory for VM {vm.Name}");
            return (vm, host);
        }

        var operation = new EngineOperation<(SimVm Vm, SimHost Host)>
        {
            Description = $"Launching VM {vmId}",
            CorrelationId = correlationId,
            Validate = Validate,
            Apply = t =>
            {
                if (cloudInit is not null)
                {
                    t.Vm.AppliedInitialization = cloudInit;
                }

                BootVm(engine, t.Vm, t.Host, restartedByHa: false);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    public Task<SimJob> StopVmAsync(SimEngine engine, string vmId, bool graceful, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        SimVm Validate()
        {
            var vm = engine.Vms.GetValueOrDefault(vmId) ?? throw EngineFaultException.NotFound("vm", vmId);
            if (vm.Status == "down" || (graceful && vm.Status is not ("up" or "powering_up" or "paused")))
            {
                throw EngineFaultException.Conflict($"Cannot {(graceful ? "shutdown" : "stop")} VM. VM {vm.Name} is {vm.Status}");
            }

            return vm;
        }

        var operation = new EngineOperation<SimVm>
        {
            Description = $"{(graceful ? "Shutting down" : "Stopping")} VM {vmId}",
            CorrelationId = correlationId,
            Validate = Validate,
            Apply = vm =>
            {
                vm.WantsUp = false;
                vm.Status = "powering_down";
                var hostId = vm.HostId;
                var hostName = engine.Hosts.GetValueOrDefault(hostId ?? "")?.Name;
                if (graceful)
                {
                    AddEvent(engine, EventCodes.UserInitiatedShutdownVm, $"VM shutdown initiated by {EventCodes.UserName} on VM {vm.Name} (Host: {hostName}).", hostId: hostId, vmId: vm.Id, correlationId: correlationId);
                }
                else
                {
                    AddEvent(engine, EventCodes.UserStopVm, $"VM {vm.Name} powered off by {EventCodes.UserName} (Host: {hostName}).", hostId: hostId, vmId: vm.Id, correlationId: correlationId);
                }

                After(engine, graceful ? ShutdownSeconds : StopSeconds, () =>
                {
                    if (vm.Status == "powering_down" && vm.HostId == hostId)
                    {
                        SetVmDown(engine, vm, graceful ? "User shut down from within the guest" : "Admin shut down from the engine", error: false);
                    }
                });
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    /// <summary>
    /// Live migration, as the engine does it: only an up, migratable VM; to the named host if it is up, in the VM's cluster and
    /// has the memory (its memory is held there while the VM migrates), else to the host the scheduler picks. The VM is
    /// <c>migrating</c> for <see cref="MigrateSeconds"/>, keeps running throughout, and is never restarted.
    /// </summary>
    public Task<SimJob> MigrateVmAsync(SimEngine engine, string vmId, string? targetHost, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        (SimVm Vm, SimHost Target) Validate()
        {
            var vm = engine.Vms.GetValueOrDefault(vmId) ?? throw EngineFaultException.NotFound("vm", vmId);
            if (vm.Status != "up")
            {
                throw EngineFaultException.Conflict($"Cannot migrate VM. VM {vm.Name} is {vm.Status}");
            }

            if (vm.PlacementAffinity == "pinned")
            {
                throw EngineFaultException.Conflict($"Cannot migrate VM. VM {vm.Name} is non migratable.");
            }

            SimHost target;
            if (targetHost is not null)
            {
                target = engine.FindHost(targetHost) ?? throw EngineFaultException.NotFound("host", targetHost);
                if (target.Status != "up" || target.Id == vm.HostId || target.ClusterId != vm.ClusterId)
                {
                    throw EngineFaultException.Conflict($"Cannot migrate VM. Host {target.Name} is not a valid destination ({(target.Id == vm.HostId ? "the VM runs there" : target.ClusterId != vm.ClusterId ? "another cluster" : target.Status)})");
                }

                if (FreeMemory(engine, target) < vm.MemoryBytes)
                {
                    throw EngineFaultException.Conflict(
                        $"Cannot migrate VM. There is no host that satisfies current scheduling constraints. See below for details:, The host {target.Name} did not satisfy internal filter Memory because its available memory is too low ({FreeMemory(engine, target) / (1 << 20)} MB) to run the VM.");
                }
            }
            else
            {
                target = PickHost(engine, vm, vm.HostId) ?? throw EngineFaultException.Conflict(
                    "Cannot migrate VM. There is no host that satisfies current scheduling constraints.");
            }

            return (vm, target);
        }

        var operation = new EngineOperation<(SimVm Vm, SimHost Target)>
        {
            Description = $"Migrating VM {vmId}",
            CorrelationId = correlationId,
            Validate = Validate,
            Apply = t =>
            {
                AddEvent(engine, EventCodes.VmMigrationStart,
                    $"Migration started (VM: {t.Vm.Name}, Source: {engine.Hosts.GetValueOrDefault(t.Vm.HostId ?? "")?.Name}, Destination: {t.Target.Name}, User: {EventCodes.UserName}).",
                    hostId: t.Vm.HostId, vmId: t.Vm.Id, correlationId: correlationId);
                BeginMigration(engine, t.Vm, t.Target);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    /// <summary>Starts a live migration; when it ends the VM runs on <paramref name="target"/> (or, if the target left, still on its host).</summary>
    internal void BeginMigration(SimEngine engine, SimVm vm, SimHost target)
    {
        var source = vm.HostId;
        vm.Status = "migrating";
        vm.MigratingToHostId = target.Id;
        After(engine, MigrateSeconds, () =>
        {
            if (vm.Status != "migrating" || vm.HostId != source)
            {
                return;
            }

            vm.Status = "up";
            vm.MigratingToHostId = null;
            var sourceName = engine.Hosts.GetValueOrDefault(source ?? "")?.Name;
            if (target.Status == "up")
            {
                vm.HostId = target.Id;
                var took = string.Create(CultureInfo.InvariantCulture, $"{MigrateSeconds:0} seconds");
                AddEvent(engine, EventCodes.VmMigrationDone,
                    $"Migration completed (VM: {vm.Name}, Source: {sourceName}, Destination: {target.Name}, Duration: {took}, Total: {took}, Actual downtime: (N/A))", hostId: target.Id, vmId: vm.Id);
            }
            else
            {
                AddEvent(engine, EventCodes.VmMigrationFailed, $"Migration failed due to an Error: the destination host {target.Name} is {target.Status} (VM: {vm.Name}, Source: {sourceName}).", hostId: source, vmId: vm.Id);
            }

            if (source is not null && engine.Hosts.GetValueOrDefault(source) is { } left)
            {
                CompleteMaintenanceIfEmpty(engine, left);
            }
        });
    }

    /// <summary>The VM is down; <paramref name="exitMessage"/> is what VDSM reports, <paramref name="error"/> says whether it died.</summary>
    internal void SetVmDown(SimEngine engine, SimVm vm, string exitMessage, bool error)
    {
        var hostId = vm.HostId;
        vm.Status = "down";
        vm.HostId = null;
        vm.MigratingToHostId = null;
        vm.StartedAt = null;
        vm.GuestAgentReporting = false;
        if (error)
        {
            AddEvent(engine, EventCodes.VmDownError, $"VM {vm.Name} is down with error. Exit message: {exitMessage}.", hostId: hostId, vmId: vm.Id);
        }
        else
        {
            AddEvent(engine, EventCodes.VmDown, $"VM {vm.Name} is down. Exit message: {exitMessage}", hostId: hostId, vmId: vm.Id);
        }
        if (hostId is not null && engine.Hosts.GetValueOrDefault(hostId) is { } host)
        {
            // The last VM of a host preparing for maintenance was stopped: the host can enter maintenance.
            CompleteMaintenanceIfEmpty(engine, host);
        }
    }

    /// <summary>Puts a VM on a host and walks it through wait_for_launch, powering_up and up.</summary>
    internal void BootVm(SimEngine engine, SimVm vm, SimHost host, bool restartedByHa)
    {
        vm.HostId = host.Id;
        vm.WantsUp = true;
        vm.Status = "wait_for_launch";
        vm.GuestAgentReporting = false;

        // The engine logs a run as it launches the VM: a user's start, or its own restart of an HA VM.
        if (restartedByHa)
        {
            AddEvent(engine, EventCodes.VdsInitiatedRunVm, $"Trying to restart VM {vm.Name} on Host {host.Name}", hostId: host.Id, vmId: vm.Id);
        }
        else
        {
            AddEvent(engine, EventCodes.UserStartedVm, $"VM {vm.Name} was started by {EventCodes.UserName} (Host: {host.Name}).", hostId: host.Id, vmId: vm.Id);
        }

        After(engine, LaunchSeconds, () =>
        {
            if (vm.Status == "wait_for_launch" && vm.HostId == host.Id)
            {
                vm.Status = "powering_up";
            }
        });
        After(engine, LaunchSeconds + BootSeconds, () =>
        {
            if (vm.Status is "powering_up" or "wait_for_launch" && vm.HostId == host.Id)
            {
                vm.Status = "up";
                var startedAt = Now;
                vm.StartedAt = startedAt;
                if (!restartedByHa)
                {
                    AddEvent(engine, EventCodes.UserRunVm, $"VM {vm.Name} started on Host {host.Name}", hostId: host.Id, vmId: vm.Id);
                }

                if (vm.HasGuestAgent)
                {
                    // The agent reports once it has started in this boot of the guest, not in a later one.
                    After(engine, vm.GuestAgentDelaySeconds, () => vm.GuestAgentReporting = vm.Status is "up" or "migrating" && vm.StartedAt == startedAt);
                }
            }
        });
    }
}
