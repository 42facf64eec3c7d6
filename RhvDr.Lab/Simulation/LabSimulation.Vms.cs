using System.Globalization;
using RhvDr.Lab.Resources;

namespace RhvDr.Lab.Simulation;

/// <summary>VM power operations and registration of VMs and templates from a storage domain's OVF store.</summary>
public sealed partial class LabSimulation
{
    private const double LaunchSeconds = 5;
    private const double BootSeconds = 10;
    private const double ShutdownSeconds = 20;
    private const double StopSeconds = 3;
    private const double MigrateSeconds = 10;
    private const double RegisterSeconds = 3;

    public Task<SimJob> StartVmAsync(SimEngine engine, string vmId, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        (SimVm Vm, SimHost Host) Validate()
        {
            var vm = engine.Vms.GetValueOrDefault(vmId) ?? throw EngineFaultException.NotFound("vm", vmId);
            if (vm.Status != "down")
            {
                throw EngineFaultException.Conflict($"Cannot run VM. VM {vm.Name} is {vm.Status}");
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
            Apply = t => BootVm(engine, t.Vm, t.Host, restartedByHa: false),
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

    public Task<SimJob> RegisterVmAsync(SimEngine engine, string domainId, string vmId, ResourceNode body, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        SimVm Validate()
        {
            var domain = RegistrationDomain(engine, domainId, "VM");
            var definition = domain.OvfVms.GetValueOrDefault(vmId) ?? throw EngineFaultException.NotFound("unregistered vm", vmId);
            if (engine.Vms.ContainsKey(vmId))
            {
                throw EngineFaultException.Conflict($"Cannot import VM. VM {definition.Name} is already registered");
            }

            return BuildRegisteredVm(engine, domain, definition, body);
        }

        // Registration reads other sites: the LUNs presented here mirror the primary site's, and mappings may name its clusters.
        var operation = new EngineOperation<SimVm>
        {
            Description = $"Registering VM {vmId}",
            CorrelationId = correlationId,
            Scope = LockScope.Everything,
            Validate = Validate,
            Duration = _ => RegisterSeconds,
            Complete = registered =>
            {
                engine.Vms[registered.Id] = registered;
                foreach (var group in engine.AffinityGroups.Values.Where(g => registered.AffinityGroupNames.Contains(g.Name) && g.ClusterId == registered.ClusterId))
                {
                    group.VmIds.Add(registered.Id);
                }

                foreach (var label in engine.AffinityLabels.Values.Where(l => registered.AffinityLabelNames.Contains(l.Name)))
                {
                    label.VmIds.Add(registered.Id);
                }

                AddEvent(engine, EventCodes.VmImportFromConfigurationExecutedSuccessfully, $"VM {registered.Name} has been successfully imported from the given configuration.", vmId: registered.Id, correlationId: correlationId);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    public Task<SimJob> RegisterTemplateAsync(SimEngine engine, string domainId, string templateId, ResourceNode body, string? correlationId, bool wait, CancellationToken cancellationToken)
    {
        SimTemplate Validate()
        {
            var domain = RegistrationDomain(engine, domainId, "Template");
            var definition = domain.OvfTemplates.GetValueOrDefault(templateId) ?? throw EngineFaultException.NotFound("unregistered template", templateId);
            if (engine.Templates.ContainsKey(templateId))
            {
                throw EngineFaultException.Conflict($"Cannot import Template. Template {definition.Name} is already registered");
            }

            var cluster = ResolveCluster(engine, domain, body, definition.ClusterId, "Template");
            var name = body.TextAt("template", "name") ?? definition.Name;
            if (engine.Templates.Values.Any(t => t.Name == name))
            {
                throw EngineFaultException.Conflict($"Cannot import Template. Template name {name} is already in use");
            }

            return new SimTemplate
            {
                Id = definition.Id, Name = name, ClusterId = cluster.Id, MemoryBytes = definition.MemoryBytes, Cpus = definition.Cpus,
                OsType = definition.OsType, CreatedAt = definition.CreatedAt, StorageDomainId = domain.Id,
            };
        }

        // A mapping may name a cluster of another site; clusters are fixed when the lab is built, so this engine's lock is enough.
        var operation = new EngineOperation<SimTemplate>
        {
            Description = $"Registering template {templateId}",
            CorrelationId = correlationId,
            Validate = Validate,
            Duration = _ => RegisterSeconds,
            Complete = registered =>
            {
                engine.Templates[registered.Id] = registered;
                AddEvent(engine, EventCodes.TemplateImportFromConfigurationSuccess, $"Template {registered.Name} has been successfully imported from the given configuration.", correlationId: correlationId);
            },
        };
        return RunOperationAsync(engine, operation, wait, cancellationToken);
    }

    /// <summary>The VM is down; <paramref name="exitMessage"/> is what VDSM reports, <paramref name="error"/> says whether it died.</summary>
    internal void SetVmDown(SimEngine engine, SimVm vm, string exitMessage, bool error)
    {
        var hostId = vm.HostId;
        vm.Status = "down";
        vm.HostId = null;
        vm.MigratingToHostId = null;
        vm.StartedAt = null;
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
                vm.StartedAt = Now;
                if (!restartedByHa)
                {
                    AddEvent(engine, EventCodes.UserRunVm, $"VM {vm.Name} started on Host {host.Name}", hostId: host.Id, vmId: vm.Id);
                }
            }
        });
    }

    private static SimStorageDomain RegistrationDomain(SimEngine engine, string domainId, string kind)
    {
        var domain = engine.StorageDomains.GetValueOrDefault(domainId) ?? throw EngineFaultException.NotFound("storage domain", domainId);
        if (domain.DataCenterId is null || domain.Status != "active")
        {
            throw EngineFaultException.Conflict(
                $"Cannot import {kind}. Storage Domain {domain.Name} must be attached to a Data Center and active; its status is {domain.Status}");
        }

        return domain;
    }

    private SimCluster ResolveCluster(SimEngine engine, SimStorageDomain domain, ResourceNode body, string? originalClusterId, string kind)
    {
        var requested = body.Child("cluster");
        SimCluster? cluster = null;
        if (requested is not null)
        {
            cluster = engine.FindCluster(requested.Id, requested.TextAt("name"))
                ?? throw EngineFaultException.BadRequest($"Cannot import {kind}. Cluster {requested.Id ?? requested.TextAt("name")} does not exist");
        }
        else
        {
            var originalName = ClusterNameAnywhere(originalClusterId);
            var mapped = Mapping(body, "cluster_mappings", "registration_cluster_mapping", originalName);
            cluster = engine.FindCluster(originalClusterId, mapped ?? originalName);
        }

        if (cluster is null)
        {
            throw EngineFaultException.BadRequest($"Cannot import {kind}. No cluster was given and the original cluster does not exist in this engine");
        }

        if (cluster.DataCenterId != domain.DataCenterId)
        {
            throw EngineFaultException.Conflict($"Cannot import {kind}. Cluster {cluster.Name} is not in the Data Center of Storage Domain {domain.Name}");
        }

        return cluster;
    }

    private SimVm BuildRegisteredVm(SimEngine engine, SimStorageDomain domain, SimVm definition, ResourceNode body)
    {
        var cluster = ResolveCluster(engine, domain, body, definition.ClusterId, "VM");
        var vm = definition.CloneDefinition();
        vm.ClusterId = cluster.Id;
        vm.Name = body.TextAt("vm", "name") ?? definition.Name;
        if (engine.Vms.Values.Any(v => v.Name == vm.Name))
        {
            throw EngineFaultException.Conflict($"Cannot import VM. VM name {vm.Name} is already in use");
        }

        var partial = body.BoolAt("allow_partial_import") ?? false;
        HashSet<string>? visibleLuns = null;
        var disks = new List<SimDisk>();
        foreach (var disk in vm.Disks)
        {
            if (disk.LunId is null)
            {
                disks.Add(disk);
                continue;
            }

            var lun = LunMapping(body, disk.LunId) ?? disk.LunId;
            visibleLuns ??= LunsVisibleAtLocked(engine.Site);
            if (visibleLuns.Contains(lun))
            {
                disks.Add(disk with { LunId = lun });
            }
            else if (!partial)
            {
                throw EngineFaultException.Conflict(
                    $"Cannot import VM. The following LUNs are not visible to the hosts of Data Center {engine.DataCenterName}: {disk.LunId}. Add a LUN mapping or allow partial import");
            }
        }

        vm.Disks = disks;
        var reassignMacs = body.BoolAt("reassign_bad_macs") ?? false;
        var macsInUse = reassignMacs ? MacsInUse(engine, vm.Nics) : [];
        var macs = new DeterministicIds(new Random(vm.Id.GetHashCode(StringComparison.Ordinal)));
        vm.Nics = [.. vm.Nics.Select(nic =>
        {
            var (profileName, networkName) = VnicMapping(body, nic.ProfileName, nic.NetworkName);
            var network = engine.Networks.Values.FirstOrDefault(n => n.Name == networkName);
            var profile = network is null ? null : engine.VnicProfiles.Values.FirstOrDefault(p => p.Name == profileName && p.NetworkId == network.Id);
            var mac = reassignMacs && macsInUse.Contains(nic.Mac) ? macs.NextMac() : nic.Mac;
            return profile is null
                ? nic with { VnicProfileId = null, NetworkName = null, ProfileName = null, Mac = mac }
                : nic with { VnicProfileId = profile.Id, NetworkName = network!.Name, ProfileName = profile.Name, Mac = mac };
        })];
        vm.AffinityGroupNames = [.. vm.AffinityGroupNames.Select(g => Mapping(body, "affinity_group_mappings", "registration_affinity_group_mapping", g) ?? g)];
        vm.AffinityLabelNames = [.. vm.AffinityLabelNames.Select(l => Mapping(body, "affinity_label_mappings", "registration_affinity_label_mapping", l) ?? l)];
        if (!engine.Templates.ContainsKey(vm.TemplateId))
        {
            vm.TemplateId = SimTemplate.BlankId;
        }

        if (vm.LeaseStorageDomainId is not null && !engine.StorageDomains.ContainsKey(vm.LeaseStorageDomainId))
        {
            vm.LeaseStorageDomainId = null;
        }

        vm.Status = "down";
        vm.WantsUp = false;
        return vm;
    }

    /// <summary>Which of these NICs' MAC addresses a VM of the engine already uses.</summary>
    private static HashSet<string> MacsInUse(SimEngine engine, IReadOnlyCollection<SimNic> nics)
    {
        var own = nics.Select(n => n.Mac).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (own.Count == 0)
        {
            return used;
        }

        foreach (var other in engine.Vms.Values)
        {
            foreach (var nic in other.Nics)
            {
                if (own.Contains(nic.Mac))
                {
                    used.Add(nic.Mac);
                }
            }
        }

        return used;
    }

    private string? ClusterNameAnywhere(string? clusterId) =>
        clusterId is null ? null : Engines.Select(e => e.Clusters.GetValueOrDefault(clusterId)?.Name).FirstOrDefault(n => n is not null);

    /// <summary>
    /// LUNs the site's hosts can see: the array's LUNs presented there. At the recovery site the replica of the mapped LUN
    /// has its own WWID; the other direct LUNs are presented under their primary WWIDs (as arrays that preserve device identity do).
    /// </summary>
    public HashSet<string> LunsVisibleAt(string site)
    {
        var presenting = FindEngine(site == EstateGenerator.RecoverySite ? EstateGenerator.PrimarySite : site);
        if (presenting is null)
        {
            return LunsVisibleAtLocked(site);
        }

        using (Lock(presenting, LockScope.Engine))
        {
            return LunsVisibleAtLocked(site);
        }
    }

    /// <summary><see cref="LunsVisibleAt"/> for a caller that holds the lock of the engine whose VMs present the LUNs.</summary>
    private HashSet<string> LunsVisibleAtLocked(string site)
    {
        var luns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (site == EstateGenerator.RecoverySite)
        {
            luns.Add(EstateGenerator.RecoveryLunId);
            foreach (var vm in FindEngine(EstateGenerator.PrimarySite)?.Vms.Values ?? Enumerable.Empty<SimVm>())
            {
                foreach (var disk in vm.Disks.Where(d => d.LunId is not null && !string.Equals(d.LunId, EstateGenerator.MappedLunId, StringComparison.OrdinalIgnoreCase)))
                {
                    luns.Add(disk.LunId!);
                }
            }
        }
        else
        {
            foreach (var vm in FindEngine(site)?.Vms.Values ?? Enumerable.Empty<SimVm>())
            {
                foreach (var disk in vm.Disks.Where(d => d.LunId is not null))
                {
                    luns.Add(disk.LunId!);
                }
            }
        }

        return luns;
    }

    private static ResourceNode? Mappings(ResourceNode body, string list) => body.NodeAt("registration_configuration", list);

    /// <summary>The "to" name of a registration mapping whose "from" name matches, e.g. cluster_mappings.</summary>
    private static string? Mapping(ResourceNode body, string list, string item, string? fromName)
    {
        if (fromName is null)
        {
            return null;
        }

        return Mappings(body, list)?.ChildrenNamed(item).FirstOrDefault(m => m.TextAt("from", "name") == fromName)?.TextAt("to", "name");
    }

    /// <summary>The target LUN of a lun_mapping; "from"/"to" carry the LUN id directly or in lun_storage.logical_units, as SDKs send either.</summary>
    private static string? LunMapping(ResourceNode body, string lunId) =>
        Mappings(body, "lun_mappings")?.ChildrenNamed("registration_lun_mapping")
            .Where(m => m.Child("from") is { } from && LunIdOf(from) == lunId)
            .Select(m => m.Child("to") is { } to ? LunIdOf(to) : null)
            .FirstOrDefault();

    private static string? LunIdOf(ResourceNode disk) =>
        disk.NodeAt("lun_storage", "logical_units", "logical_unit")?.Id ?? disk.Id;

    private (string? Profile, string? Network) VnicMapping(ResourceNode body, string? profileName, string? networkName)
    {
        var mapping = Mappings(body, "vnic_profile_mappings")?.ChildrenNamed("registration_vnic_profile_mapping")
            .FirstOrDefault(m => m.TextAt("from", "name") == profileName && (m.TextAt("from", "network", "name") ?? networkName) == networkName);
        var to = mapping?.Child("to");
        if (to is null)
        {
            return (profileName, networkName);
        }

        foreach (var engine in Engines)
        {
            if (to.Id is not null && engine.VnicProfiles.TryGetValue(to.Id, out var byId))
            {
                return (byId.Name, engine.Networks.GetValueOrDefault(byId.NetworkId)?.Name);
            }
        }

        return (to.TextAt("name"), to.TextAt("network", "name") ?? networkName);
    }
}
