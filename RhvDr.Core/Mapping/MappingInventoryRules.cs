using static RhvDr.Core.Mapping.DrMappingKeys;

namespace RhvDr.Core.Mapping;

/// <summary>Rules that hold the mapping against what each site's engine reports.</summary>
internal static class MappingInventoryRules
{
    private static readonly MappingSide[] Sides = [MappingSide.Primary, MappingSide.Secondary];

    public static void Check(DrMapping mapping, MappingInventory primary, MappingInventory secondary, MappingFindingSink sink)
    {
        for (var i = 0; i < mapping.ImportStorages.Count; i++)
        {
            CheckPrimaryStorage(mapping.ImportStorages[i], i, primary, sink);
            CheckSecondaryStorage(mapping.ImportStorages[i], i, secondary, sink);
        }

        foreach (var side in Sides)
        {
            var inventory = side == MappingSide.Primary ? primary : secondary;
            foreach (var kind in NameMappingKind.All)
            {
                CheckNamesExist(kind, kind.Mappings(mapping), side, inventory, sink);
            }

            CheckNetworks(mapping, side, inventory, sink);
            CheckLuns(mapping, side, inventory, sink);
        }

        CheckClusterVersions(mapping, primary, secondary, sink);
        CheckVms(mapping, MappingSide.Primary, primary, sink);
        CheckVms(mapping, MappingSide.Secondary, secondary, sink);
    }

    /// <summary>The rules that need only <paramref name="side"/>'s inventory: its storage domains, names, networks, LUNs and VMs.</summary>
    public static void CheckSide(DrMapping mapping, MappingSide side, MappingInventory inventory, MappingFindingSink sink)
    {
        for (var i = 0; i < mapping.ImportStorages.Count; i++)
        {
            if (side == MappingSide.Primary)
            {
                CheckPrimaryStorage(mapping.ImportStorages[i], i, inventory, sink);
            }
            else
            {
                CheckSecondaryStorage(mapping.ImportStorages[i], i, inventory, sink);
            }
        }

        foreach (var kind in NameMappingKind.All)
        {
            CheckNamesExist(kind, kind.Mappings(mapping), side, inventory, sink);
        }

        CheckNetworks(mapping, side, inventory, sink);
        CheckLuns(mapping, side, inventory, sink);
        CheckVms(mapping, side, inventory, sink);
    }

    private static void CheckPrimaryStorage(StorageDomainMapping storage, int index, MappingInventory primary, MappingFindingSink sink)
    {
        var s = storage.Primary;
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            return;
        }

        var key = $"{ImportStorages}[{index}].{Storage(MappingSide.Primary, "name")}";
        var found = primary.StorageDomains.Where(d => d.Name == s.Name).ToList();
        var match = found.FirstOrDefault(d => s.DcName is null || d.DataCenter == s.DcName);
        if (match is null)
        {
            var elsewhere = found.Count == 0 ? string.Empty : $" (a domain of that name is in data center '{found[0].DataCenter ?? "none"}')";
            sink.Error(MappingFindingCodes.ObjectMissingPrimary, key,
                $"Storage domain '{s.Name}' does not exist in data center '{s.DcName}' at the primary site{elsewhere}.",
                "Correct dr_primary_name and dr_primary_dc_name, or remove the item.");
            return;
        }

        if (!RefusedByStructure(storage))
        {
            CheckRefusedDomain(match, $"{ImportStorages}[{index}]", sink);
        }
    }

    /// <summary>The structure rules already refused the item by its name or function; say it once.</summary>
    private static bool RefusedByStructure(StorageDomainMapping storage) =>
        storage.Primary.Name == MappingValidator.HostedStorageName
        || storage.Secondary.Name == MappingValidator.HostedStorageName
        || string.Equals(storage.DomainFunction, "export", StringComparison.OrdinalIgnoreCase);

    private static void CheckSecondaryStorage(StorageDomainMapping storage, int index, MappingInventory secondary, MappingFindingSink sink)
    {
        var s = storage.Secondary;
        var item = $"{ImportStorages}[{index}]";
        if (!string.IsNullOrWhiteSpace(s.DcName) && !secondary.DataCenters.Any(dc => dc.Name == s.DcName))
        {
            sink.Error(MappingFindingCodes.ObjectMissingSecondary, $"{item}.{Storage(MappingSide.Secondary, "dc_name")}",
                $"Data center '{s.DcName}' does not exist at the secondary site; '{s.Name}' would have nowhere to be attached.",
                $"Set dr_secondary_dc_name to one of: {Names(secondary.DataCenters.Select(dc => dc.Name))}.");
        }

        if (string.IsNullOrWhiteSpace(s.Name))
        {
            return;
        }

        var replica = secondary.StorageDomains.FirstOrDefault(d => d.Name == s.Name || (storage.DomainId is not null && d.Id == storage.DomainId));
        if (replica is null)
        {
            // The replica is normally invisible to the recovery engine until failover imports it.
            sink.Info(MappingFindingCodes.StorageReplicaNotListed, $"{item}.{Storage(MappingSide.Secondary, "name")}",
                $"'{s.Name}' is not known to the secondary engine yet; it will be imported during failover.",
                "Nothing to do, unless a test failover showed the replica cannot be found.");
            return;
        }

        if (RefusedByStructure(storage) || CheckRefusedDomain(replica, item, sink))
        {
            return;
        }

        if (replica.IsAttached)
        {
            sink.Warning(MappingFindingCodes.StorageAttachedAtRecovery, $"{item}.{Storage(MappingSide.Secondary, "name")}",
                $"'{s.Name}' is already attached to data center '{replica.DataCenter}' at the secondary site ({replica.Status}); replicated domains must not be attached at the recovery site before failover.",
                "Clean the recovery site (detach and remove the domain without formatting) before failing over.");
        }
    }

    private static bool CheckRefusedDomain(MappingStorageDomain domain, string item, MappingFindingSink sink)
    {
        if (domain.IsHostedEngineStorage)
        {
            sink.Error(MappingFindingCodes.StorageHostedEngine, item,
                $"'{domain.Name}' holds the hosted engine and is not part of the recovery process.",
                "Remove this item from dr_import_storages.");
            return true;
        }

        if (string.Equals(domain.Type, "export", StringComparison.OrdinalIgnoreCase))
        {
            sink.Error(MappingFindingCodes.StorageExportDomain, item,
                $"'{domain.Name}' is an export domain; export domains cannot be recovered.",
                "Remove this item from dr_import_storages.");
            return true;
        }

        return false;
    }

    private static void CheckNamesExist(NameMappingKind kind, ValueList<NameMapping> mappings, MappingSide side, MappingInventory inventory, MappingFindingSink sink)
    {
        var known = kind.InventoryNames(inventory).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            var name = mappings[i].Name(side);
            if (!string.IsNullOrWhiteSpace(name) && !known.Contains(name))
            {
                Missing(sink, side, $"{kind.Key}[{i}].{Entry(side, "name")}",
                    $"The {kind.Label} '{name}' does not exist at the {SideName(side)} site. Known: {Names(known)}.",
                    $"Correct the name, or create the {kind.Label} at the {SideName(side)} site.");
            }
        }
    }

    private static void CheckNetworks(DrMapping mapping, MappingSide side, MappingInventory inventory, MappingFindingSink sink)
    {
        for (var i = 0; i < mapping.Networks.Count; i++)
        {
            var s = mapping.Networks[i].Side(side);
            var item = $"{NetworkMappings}[{i}]";
            if (string.IsNullOrWhiteSpace(s.NetworkName) || string.IsNullOrWhiteSpace(s.ProfileName))
            {
                continue;
            }

            var byName = inventory.VnicProfiles.Where(p => p.NetworkName == s.NetworkName && p.ProfileName == s.ProfileName).ToList();
            var dcs = byName.Select(p => p.DataCenter).Distinct(StringComparer.Ordinal).ToList();
            if (s.DataCenter is null && dcs.Count > 1)
            {
                sink.Error(MappingFindingCodes.NetworkAmbiguousDc, $"{item}.{Entry(side, "profile_name")}",
                    $"Network '{s.NetworkName}' with profile '{s.ProfileName}' exists in several data centers at the {SideName(side)} site ({Names(dcs.Select(d => d ?? "?"))}).",
                    $"Add {Entry(side, "network_dc")} with the data center to use.");
            }

            if (s.ProfileId is not null)
            {
                if (!inventory.VnicProfiles.Any(p => string.Equals(p.ProfileId, s.ProfileId, StringComparison.OrdinalIgnoreCase)))
                {
                    Missing(sink, side, $"{item}.{Entry(side, "profile_id")}",
                        $"vNIC profile id '{s.ProfileId}' ({s.NetworkName}/{s.ProfileName}) does not exist at the {SideName(side)} site.",
                        $"Set {Entry(side, "profile_id")} to the id of the profile at the {SideName(side)} site.");
                }

                continue;
            }

            if (!byName.Any(p => s.DataCenter is null || p.DataCenter == s.DataCenter))
            {
                var where = s.DataCenter is null ? string.Empty : $" in data center '{s.DataCenter}'";
                Missing(sink, side, $"{item}.{Entry(side, "profile_name")}",
                    $"Network '{s.NetworkName}' with vNIC profile '{s.ProfileName}'{where} does not exist at the {SideName(side)} site.",
                    "Correct the network and profile names, or create them.");
            }
        }
    }

    private static void CheckLuns(DrMapping mapping, MappingSide side, MappingInventory inventory, MappingFindingSink sink)
    {
        for (var i = 0; i < mapping.Luns.Count; i++)
        {
            var id = mapping.Luns[i].Side(side).LogicalUnitId;
            if (!string.IsNullOrWhiteSpace(id) && !inventory.Luns.Any(l => string.Equals(l.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                Missing(sink, side, $"{LunMappings}[{i}].{Entry(side, "logical_unit_id")}",
                    $"LUN '{id}' is not visible at the {SideName(side)} site.",
                    side == MappingSide.Primary ? "Correct the LUN id." : "Correct the LUN id, or have the storage admin expose the replica LUN to the recovery hosts.");
            }
        }
    }

    private static void CheckClusterVersions(DrMapping mapping, MappingInventory primary, MappingInventory secondary, MappingFindingSink sink)
    {
        for (var i = 0; i < mapping.Clusters.Count; i++)
        {
            var pair = mapping.Clusters[i];
            var source = primary.Clusters.FirstOrDefault(c => c.Name == pair.PrimaryName);
            var target = secondary.Clusters.FirstOrDefault(c => c.Name == pair.SecondaryName);
            if (source is null || target is null || source.CompatibilityVersion is null || target.CompatibilityVersion is null)
            {
                continue;
            }

            if (MajorMinor(source.CompatibilityVersion) != MajorMinor(target.CompatibilityVersion))
            {
                sink.Error(MappingFindingCodes.ClusterVersionMismatch, $"{ClusterMappings}[{i}]",
                    $"Cluster '{source.Name}' is at compatibility version {source.CompatibilityVersion} but '{target.Name}' is at {target.CompatibilityVersion}; VMs cannot be registered across versions.",
                    "Upgrade the older cluster's compatibility version, or map to a cluster with the same version.");
            }
        }
    }

    private static void CheckVms(DrMapping mapping, MappingSide side, MappingInventory inventory, MappingFindingSink sink)
    {
        var domains = ProtectedDomains(mapping, side);
        foreach (var vm in inventory.Vms)
        {
            var index = vm.StorageDomains.Select(d => domains.GetValueOrDefault(d, -1)).FirstOrDefault(i => i >= 0, -1);
            if (index < 0)
            {
                continue;
            }

            var item = $"{ImportStorages}[{index}]";
            if (vm.DeleteProtected)
            {
                sink.Warning(MappingFindingCodes.VmDeleteProtected, item,
                    $"VM '{vm.Name}' at the {SideName(side)} site is delete protected; cleaning that site for failback cannot remove it.",
                    $"Clear 'delete protection' on '{vm.Name}' before a failback.");
            }

            if (vm.InSnapshotPreview)
            {
                sink.Warning(MappingFindingCodes.VmSnapshotPreview, item,
                    $"VM '{vm.Name}' at the {SideName(side)} site is previewing a snapshot; failover and failback do not support VMs in preview.",
                    $"Commit or undo the snapshot preview of '{vm.Name}'.");
            }
        }
    }

    /// <summary>Mapped domain names of a side, with the index of their dr_import_storages item.</summary>
    public static Dictionary<string, int> ProtectedDomains(DrMapping mapping, MappingSide side)
    {
        var domains = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mapping.ImportStorages.Count; i++)
        {
            var name = mapping.ImportStorages[i].Side(side).Name;
            if (!string.IsNullOrWhiteSpace(name))
            {
                domains.TryAdd(name, i);
            }
        }

        return domains;
    }

    public static string Names(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : list.Count <= 10 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(10))} and {list.Count - 10} more";
    }

    private static void Missing(MappingFindingSink sink, MappingSide side, string key, string message, string fix) =>
        sink.Error(side == MappingSide.Primary ? MappingFindingCodes.ObjectMissingPrimary : MappingFindingCodes.ObjectMissingSecondary, key, message, fix);

    private static string MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : version;
    }
}
