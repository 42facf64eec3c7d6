using static RhvDr.Core.Mapping.DrMappingKeys;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Proposes a mapping from the two sites' inventories, as <c>ovirt-dr generate</c> does but filling in the recovery
/// side too: objects are matched by name at the recovery site, a replica domain is expected under the same name, and
/// every assumption and every gap is reported instead of being left as a commented-out line.
/// </summary>
public static class MappingGenerator
{
    public static MappingGenerationResult Generate(MappingInventory primary, MappingInventory secondary, SiteRef primarySite, SiteRef secondarySite)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondary);
        var sink = new MappingFindingSink(null);
        var recoveryDc = secondary.DataCenters.Count == 1 ? secondary.DataCenters[0].Name : null;

        var mapping = new DrMapping
        {
            Primary = primarySite ?? SiteRef.Empty,
            Secondary = secondarySite ?? SiteRef.Empty,
            ImportStorages = new(Storages(primary, secondary, recoveryDc, sink)),
            Clusters = new(Names(ClusterMappings, "cluster", primary.Clusters.Select(c => c.Name), secondary.Clusters.Select(c => c.Name), pairSingle: true, sink)),
            AffinityGroups = new(Names(AffinityGroupMappings, "affinity group", primary.AffinityGroups.Select(g => g.Name), secondary.AffinityGroups.Select(g => g.Name), pairSingle: true, sink)),
            AffinityLabels = new(Names(AffinityLabelMappings, "affinity label", primary.AffinityLabels, secondary.AffinityLabels, pairSingle: true, sink)),
            AaaDomains = new(Names(DomainMappings, "AAA domain", primary.AaaDomains, secondary.AaaDomains, pairSingle: false, sink)),
            Roles = new(Names(RoleMappings, "role", primary.Roles, secondary.Roles, pairSingle: false, sink)),
            Networks = new(Networks(primary, secondary, recoveryDc, sink)),
            Luns = new(Luns(primary, secondary, sink)),
        };
        return new MappingGenerationResult(mapping, sink.Findings);
    }

    private static List<StorageDomainMapping> Storages(MappingInventory primary, MappingInventory secondary, string? recoveryDc, MappingFindingSink sink)
    {
        var result = new List<StorageDomainMapping>();
        // The master first: the role imports it first, and a reader expects it on top.
        foreach (var domain in primary.StorageDomains.OrderByDescending(d => d.IsMaster).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            var reason = ExclusionReason(domain);
            if (reason is not null)
            {
                sink.Info(MappingFindingCodes.GenerateExcluded, ImportStorages, $"Storage domain '{domain.Name}' was not mapped: {reason}.",
                    "Nothing to do; add it by hand only if you know it is replicated and recoverable.");
                continue;
            }

            var item = $"{ImportStorages}[{result.Count}]";
            var isBlock = StorageDomainTypes.IsBlock(domain.StorageType);
            var primarySide = new StorageDomainSide
            {
                Name = domain.Name,
                IsMaster = domain.IsMaster,
                DcName = domain.DataCenter,
                Address = domain.StorageType == StorageDomainTypes.Fcp ? null : domain.Address,
                Path = isBlock ? null : domain.Path,
                Port = domain.StorageType == StorageDomainTypes.Iscsi ? domain.Port : null,
                Targets = domain.StorageType == StorageDomainTypes.Iscsi ? new ValueList<string>(domain.Targets) : null,
                MountOptions = isBlock ? null : domain.MountOptions,
                VfsType = domain.StorageType == StorageDomainTypes.PosixFs ? domain.VfsType : null,
            };
            result.Add(new StorageDomainMapping
            {
                DomainType = domain.StorageType,
                DomainFunction = domain.Type,
                DomainId = isBlock ? domain.Id : null,
                WipeAfterDelete = domain.WipeAfterDelete,
                Backup = domain.Backup,
                CriticalSpaceActionBlocker = domain.CriticalSpaceActionBlocker,
                WarningLowSpace = domain.WarningLowSpace,
                DiscardAfterDelete = isBlock ? domain.DiscardAfterDelete : null,
                Primary = primarySide,
                Secondary = SecondaryStorage(domain, primarySide, secondary, recoveryDc, item, sink),
            });
        }

        return result;
    }

    private static string? ExclusionReason(MappingStorageDomain domain)
    {
        if (domain.IsHostedEngineStorage)
        {
            return "it holds the hosted engine, which is not part of the recovery process";
        }

        if (string.Equals(domain.Type, "export", StringComparison.OrdinalIgnoreCase))
        {
            return "export domains cannot be recovered (and may disturb failback)";
        }

        if (!string.Equals(domain.Type, "data", StringComparison.OrdinalIgnoreCase))
        {
            return $"it is a {domain.Type} domain; only data domains hold VMs to recover";
        }

        return domain.DataCenter is null ? "it is not attached to a data center" : null;
    }

    private static StorageDomainSide SecondaryStorage(
        MappingStorageDomain domain, StorageDomainSide primarySide, MappingInventory secondary, string? recoveryDc, string item, MappingFindingSink sink)
    {
        var replica = secondary.StorageDomains.FirstOrDefault(d => d.Name == domain.Name)
            ?? (StorageDomainTypes.IsBlock(domain.StorageType) ? secondary.StorageDomains.FirstOrDefault(d => d.Id == domain.Id) : null);
        var assumed = new List<string>();
        var side = primarySide with { IsMaster = domain.IsMaster, DcName = replica?.DataCenter ?? recoveryDc };

        if (replica is null)
        {
            assumed.Add($"the replica is named '{domain.Name}' as at the primary site");
        }
        else
        {
            side = side with
            {
                Name = replica.Name,
                Address = replica.Address ?? side.Address,
                Path = replica.Path ?? side.Path,
                Port = side.Port is null ? null : replica.Port ?? side.Port,
                Targets = side.Targets is null || replica.Targets.Count == 0 ? side.Targets : new ValueList<string>(replica.Targets),
                VfsType = replica.VfsType ?? side.VfsType,
            };
        }

        if (domain.StorageType != StorageDomainTypes.Fcp && (replica?.Address is null))
        {
            assumed.Add($"the replica is served at the primary's address '{domain.Address}'");
        }

        if (domain.StorageType == StorageDomainTypes.Iscsi && (replica is null || replica.Targets.Count == 0))
        {
            assumed.Add("the iSCSI port and targets are the primary's");
        }

        if (!StorageDomainTypes.IsBlock(domain.StorageType) && replica?.Path is null)
        {
            assumed.Add($"the path is the primary's '{domain.Path}'");
        }

        if (replica?.DataCenter is null && recoveryDc is not null)
        {
            assumed.Add($"it is attached to '{recoveryDc}', the recovery site's only data center");
        }

        if (assumed.Count > 0)
        {
            sink.Warning(MappingFindingCodes.GenerateAssumed, $"{item}.{Storage(MappingSide.Secondary, "name")}",
                $"For storage domain '{domain.Name}' it was assumed that {string.Join("; ", assumed)}.",
                "Check these secondary values with the storage admin (a replica is usually served by the recovery array).");
        }

        if (side.DcName is null)
        {
            side = side with { DcName = string.Empty };
            sink.Error(MappingFindingCodes.GenerateUnmatched, $"{item}.{Storage(MappingSide.Secondary, "dc_name")}",
                $"The recovery site has {secondary.DataCenters.Count} data centers, so the one for '{domain.Name}' could not be chosen.",
                "Fill in dr_secondary_dc_name.");
        }

        return side;
    }

    private static List<NameMapping> Names(string key, string label, IEnumerable<string> primaryNames, IEnumerable<string> secondaryNames, bool pairSingle, MappingFindingSink sink)
    {
        var sources = primaryNames.Distinct(StringComparer.Ordinal).ToList();
        var targets = secondaryNames.Distinct(StringComparer.Ordinal).ToList();
        var unmatchedSources = sources.Where(s => !targets.Contains(s, StringComparer.Ordinal)).ToList();
        var unmatchedTargets = targets.Where(t => !sources.Contains(t, StringComparer.Ordinal)).ToList();
        var result = new List<NameMapping>();
        foreach (var name in sources)
        {
            var itemKey = $"{key}[{result.Count}].{Entry(MappingSide.Secondary, "name")}";
            if (targets.Contains(name, StringComparer.Ordinal))
            {
                result.Add(new NameMapping(name, name));
            }
            else if (pairSingle && unmatchedSources.Count == 1 && unmatchedTargets.Count == 1)
            {
                // One cluster per site under different names (cluster_prod / cluster_recovery) is the usual layout.
                result.Add(new NameMapping(name, unmatchedTargets[0]));
                sink.Warning(MappingFindingCodes.GenerateAssumed, itemKey,
                    $"The {label} '{name}' has no namesake at the recovery site; it was paired with '{unmatchedTargets[0]}', the only unpaired {label} there.",
                    "Confirm the pairing.");
            }
            else
            {
                result.Add(new NameMapping(name, string.Empty));
                sink.Error(MappingFindingCodes.GenerateUnmatched, itemKey,
                    $"No {label} named '{name}' exists at the recovery site.",
                    $"Fill in the {label} to use at the recovery site, or remove the item.");
            }
        }

        return result;
    }

    private static List<NetworkMapping> Networks(MappingInventory primary, MappingInventory secondary, string? recoveryDc, MappingFindingSink sink)
    {
        var result = new List<NetworkMapping>();
        foreach (var profile in primary.VnicProfiles)
        {
            var itemKey = $"{NetworkMappings}[{result.Count}]";
            var primaryAmbiguous = primary.VnicProfiles.Count(p => SameNames(p, profile)) > 1;
            var primarySide = new NetworkSide(profile.NetworkName, profile.ProfileName, profile.ProfileId, primaryAmbiguous ? profile.DataCenter : null);

            var candidates = secondary.VnicProfiles.Where(p => SameNames(p, profile)).ToList();
            var match = candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(p => p.DataCenter == recoveryDc && recoveryDc is not null);
            NetworkSide secondarySide;
            if (match is null)
            {
                secondarySide = new NetworkSide(string.Empty, string.Empty, string.Empty, null);
                var why = candidates.Count == 0 ? "no profile of that network and name exists there" : $"it exists in {candidates.Count} data centers there";
                sink.Error(MappingFindingCodes.GenerateUnmatched, $"{itemKey}.{Entry(MappingSide.Secondary, "profile_name")}",
                    $"vNIC profile '{profile.NetworkName}/{profile.ProfileName}' could not be matched at the recovery site: {why}.",
                    "Fill in the secondary network, profile name and profile id (and network_dc if names repeat across data centers).");
            }
            else
            {
                secondarySide = new NetworkSide(match.NetworkName, match.ProfileName, match.ProfileId, candidates.Count > 1 ? match.DataCenter : null);
            }

            result.Add(new NetworkMapping(primarySide, secondarySide));
        }

        return result;
    }

    private static bool SameNames(MappingVnicProfile a, MappingVnicProfile b) => a.NetworkName == b.NetworkName && a.ProfileName == b.ProfileName;

    private static List<LunMapping> Luns(MappingInventory primary, MappingInventory secondary, MappingFindingSink sink)
    {
        var result = new List<LunMapping>();
        var unmatchedSources = primary.Luns.Where(l => !secondary.Luns.Any(s => SameLun(s, l))).ToList();
        var unmatchedTargets = secondary.Luns.Where(s => !primary.Luns.Any(l => SameLun(s, l))).ToList();
        foreach (var lun in primary.Luns)
        {
            var itemKey = $"{LunMappings}[{result.Count}].{Entry(MappingSide.Secondary, "logical_unit_id")}";
            var replica = secondary.Luns.FirstOrDefault(l => SameLun(l, lun));
            if (replica is null && unmatchedSources.Count == 1 && unmatchedTargets.Count == 1)
            {
                // One replica under a new WWID and one unmapped LUN at the recovery site: the usual single-LUN layout.
                replica = unmatchedTargets[0];
                sink.Warning(MappingFindingCodes.GenerateAssumed, itemKey,
                    $"Direct LUN '{lun.Id}' is not visible under the same id at the recovery site; it was paired with '{replica.Id}', the only unmapped LUN there.",
                    "Confirm with the storage admin that it is the replica.");
            }

            if (replica is null)
            {
                sink.Error(MappingFindingCodes.GenerateUnmatched, itemKey,
                    $"Direct LUN '{lun.Id}' is not visible under the same id at the recovery site.",
                    "Ask the storage admin for the replica LUN's id (WWID) and fill in the secondary_logical_unit_* values.");
            }

            result.Add(new LunMapping
            {
                Primary = ToSide(lun),
                Secondary = replica is null ? new LunSide { LogicalUnitId = string.Empty } : ToSide(replica),
            });
        }

        return result;
    }

    private static bool SameLun(MappingLun a, MappingLun b) => string.Equals(a.Id, b.Id, StringComparison.OrdinalIgnoreCase);

    private static LunSide ToSide(MappingLun lun) => new()
    {
        LogicalUnitId = lun.Id,
        StorageType = lun.StorageType,
        Address = lun.Address,
        Port = lun.Port,
        Portal = lun.Portal,
        Target = lun.Target,
    };
}
