using RhvDr.Lab.Resources;

namespace RhvDr.Lab.Simulation;

/// <summary>Registration of VMs and templates from a storage domain's OVF store, with the mappings and LUNs a registration resolves.</summary>
public sealed partial class LabSimulation
{
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
