using RhvDr.Core.Ovirt;
using static RhvDr.Core.Mapping.DrMappingKeys;

namespace RhvDr.Core.Mapping;

/// <summary>Rules that read only the mapping.</summary>
internal static class MappingStructureRules
{
    private static readonly MappingSide[] Sides = [MappingSide.Primary, MappingSide.Secondary];

    /// <param name="inventories">Each side's live inventory, when known: a data center that already has an active master needs none marked.</param>
    public static void Check(DrMapping mapping, MappingFindingSink sink, Func<MappingSide, MappingInventory?>? inventories = null)
    {
        CheckSites(mapping, sink);
        CheckStorages(mapping, sink);
        CheckMasters(mapping, sink, inventories);
        foreach (var kind in NameMappingKind.All)
        {
            CheckNamePairs(kind, kind.Mappings(mapping), sink);
        }

        CheckNetworks(mapping, sink);
        CheckLuns(mapping, sink);
    }

    private static void CheckSites(DrMapping mapping, MappingFindingSink sink)
    {
        foreach (var side in Sides)
        {
            var site = mapping.Site(side);
            var missing = new[] { (SiteUrl(side), site.Url), (SiteUsername(side), site.Username), (SiteCaFile(side), site.CaFile) }
                .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
            if (missing.Count > 0)
            {
                sink.Warning(MappingFindingCodes.SiteIncomplete, missing[0],
                    $"The {SideName(side)} site is missing {string.Join(", ", missing)}; ovirt-dr needs them to connect (RhvDr uses its own site settings).",
                    $"Fill in {string.Join(", ", missing)} so the exported file works with ovirt-dr.");
            }
        }
    }

    private static void CheckStorages(DrMapping mapping, MappingFindingSink sink)
    {
        for (var i = 0; i < mapping.ImportStorages.Count; i++)
        {
            var storage = mapping.ImportStorages[i];
            var item = $"{ImportStorages}[{i}]";
            var label = storage.Primary.Name ?? storage.Secondary.Name ?? $"item {i}";

            if (!StorageDomainTypes.IsKnown(storage.DomainType))
            {
                sink.Error(MappingFindingCodes.StorageUnknownType, $"{item}.{DomainType}",
                    $"Storage domain '{label}' has dr_domain_type '{storage.DomainType}'; the role imports only {string.Join(", ", StorageDomainTypes.All)}.",
                    "Set dr_domain_type to the domain's storage type.");
            }

            if (string.Equals(storage.DomainFunction, "export", StringComparison.OrdinalIgnoreCase))
            {
                sink.Error(MappingFindingCodes.StorageExportDomain, $"{item}.{StorageDomainType}",
                    $"'{label}' is an export domain; export domains cannot be recovered (and may disturb failback).",
                    "Remove this item from dr_import_storages.");
            }

            if (storage.IsBlock && string.IsNullOrWhiteSpace(storage.DomainId))
            {
                sink.Error(MappingFindingCodes.StorageBlockMissingId, $"{item}.{DomainId}",
                    $"Block domain '{label}' has no dr_domain_id; block domains are imported by id.",
                    "Set dr_domain_id to the storage domain's id at the primary site (the replica keeps it).");
            }

            foreach (var side in Sides)
            {
                CheckStorageSide(storage, storage.Side(side), side, item, label, sink);
            }
        }

        foreach (var side in Sides)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < mapping.ImportStorages.Count; i++)
            {
                var name = mapping.ImportStorages[i].Side(side).Name;
                if (!string.IsNullOrWhiteSpace(name) && !seen.Add(name))
                {
                    ReportDuplicate(sink, side, $"{ImportStorages}[{i}].{Storage(side, "name")}", "storage domain", name);
                }
            }
        }
    }

    private static void CheckStorageSide(StorageDomainMapping storage, StorageDomainSide s, MappingSide side, string item, string label, MappingFindingSink sink)
    {
        var sideName = SideName(side);
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            sink.Error(MappingFindingCodes.NameEmpty, $"{item}.{Storage(side, "name")}",
                $"Storage domain '{label}' has no {sideName} name.", $"Set {Storage(side, "name")}.");
        }
        else if (s.Name == MappingValidator.HostedStorageName)
        {
            sink.Error(MappingFindingCodes.StorageHostedEngine, $"{item}.{Storage(side, "name")}",
                "hosted_storage holds the hosted engine and is not part of the recovery process.",
                "Remove this item from dr_import_storages.");
        }

        if (string.IsNullOrWhiteSpace(s.DcName))
        {
            sink.Error(MappingFindingCodes.NameEmpty, $"{item}.{Storage(side, "dc_name")}",
                $"Storage domain '{label}' has no {sideName} data center.", $"Set {Storage(side, "dc_name")}.");
        }

        var type = storage.DomainType?.ToLowerInvariant();
        var missing = new List<string>();
        if (type == StorageDomainTypes.Iscsi)
        {
            AddIfMissing(missing, Storage(side, "address"), s.Address);
            if (s.Port is null)
            {
                missing.Add(Storage(side, "port"));
            }

            if (s.Targets is null || s.Targets.Count == 0 || s.Targets.Any(string.IsNullOrWhiteSpace))
            {
                missing.Add(Storage(side, "target"));
            }

            Report(MappingFindingCodes.StorageIscsiIncomplete, "iSCSI logs in to each target at this address and port");
        }
        else if (type is StorageDomainTypes.Nfs or StorageDomainTypes.GlusterFs or StorageDomainTypes.PosixFs)
        {
            AddIfMissing(missing, Storage(side, "address"), s.Address);
            AddIfMissing(missing, Storage(side, "path"), s.Path);
            if (type == StorageDomainTypes.PosixFs)
            {
                AddIfMissing(missing, Storage(side, "vfs_type"), s.VfsType);
            }

            Report(MappingFindingCodes.StorageFileIncomplete, "a file domain is added back at its address and path");
        }

        void Report(string code, string why)
        {
            if (missing.Count > 0)
            {
                sink.Error(code, $"{item}.{missing[0]}",
                    $"Storage domain '{label}' ({type}) is missing {string.Join(", ", missing)} for the {sideName} site: {why}.",
                    $"Fill in {string.Join(", ", missing)}.");
            }
        }
    }

    private static void AddIfMissing(List<string> missing, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add(key);
        }
    }

    private static void CheckMasters(DrMapping mapping, MappingFindingSink sink, Func<MappingSide, MappingInventory?>? inventories)
    {
        if (mapping.ImportStorages.Count == 0)
        {
            return;
        }

        foreach (var side in Sides)
        {
            var masters = mapping.ImportStorages.Select((s, i) => (Storage: s, Index: i)).Where(p => p.Storage.Side(side).IsMaster == true).ToList();
            var key = Storage(side, "master_domain");
            if (masters.Count == 0 && OwnMaster(mapping, side, inventories?.Invoke(side)) is { } own)
            {
                // A site that runs its own estate (the recovery site of most Active/Passive setups) has an initialized data
                // center: the imported domains join it as data domains, and none of them can become its master.
                sink.Info(MappingFindingCodes.MasterExisting, ImportStorages,
                    $"No imported domain is marked {key}: True, and none needs to be: the {SideName(side)} data center {own.DataCenter} already has its master, '{own.Name}' (active).",
                    "Nothing to do.");
            }
            else if (masters.Count == 0)
            {
                sink.Error(MappingFindingCodes.MasterMissing, ImportStorages,
                    $"No storage domain is marked {key}: True; the role imports the master domain first to initialize the {SideName(side)} data center.",
                    $"Set {key}: True on the domain that is (or becomes) the master at the {SideName(side)} site.");
            }
            else if (masters.Count > 1)
            {
                var names = string.Join(", ", masters.Select(m => $"'{m.Storage.Side(side).Name}'"));
                sink.Error(MappingFindingCodes.MasterMultiple, $"{ImportStorages}[{masters[1].Index}].{key}",
                    $"{masters.Count} storage domains are marked {key}: True ({names}); a data center has exactly one master.",
                    $"Keep {key}: True on one domain and set the others to False.");
            }
        }
    }

    /// <summary>The active master domain <paramref name="side"/> already has that is not one of the imported domains, or null.</summary>
    private static MappingStorageDomain? OwnMaster(DrMapping mapping, MappingSide side, MappingInventory? inventory)
    {
        if (inventory is null)
        {
            return null;
        }

        var imported = mapping.ImportStorages.Select(s => s.Side(side).Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return inventory.StorageDomains.FirstOrDefault(d =>
            d.IsMaster && d.State == StorageDomainStatus.Active && !imported.Contains(d.Name));
    }

    private static void CheckNamePairs(NameMappingKind kind, ValueList<NameMapping> mappings, MappingFindingSink sink)
    {
        foreach (var side in Sides)
        {
            var suffixKey = Entry(side, "name");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < mappings.Count; i++)
            {
                var name = mappings[i].Name(side);
                var key = $"{kind.Key}[{i}].{suffixKey}";
                if (string.IsNullOrWhiteSpace(name))
                {
                    sink.Error(MappingFindingCodes.NameEmpty, key,
                        $"The {kind.Label} mapping {i} has no {suffixKey}.", $"Set {suffixKey}, or remove the item.");
                }
                else if (!seen.Add(name))
                {
                    ReportDuplicate(sink, side, key, kind.Label, name);
                }
            }
        }
    }

    private static void CheckNetworks(DrMapping mapping, MappingFindingSink sink)
    {
        foreach (var side in Sides)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < mapping.Networks.Count; i++)
            {
                var s = mapping.Networks[i].Side(side);
                var item = $"{NetworkMappings}[{i}]";
                if (string.IsNullOrWhiteSpace(s.NetworkName) || string.IsNullOrWhiteSpace(s.ProfileName))
                {
                    var key = string.IsNullOrWhiteSpace(s.NetworkName) ? Entry(side, "network_name") : Entry(side, "profile_name");
                    sink.Error(MappingFindingCodes.NameEmpty, $"{item}.{key}",
                        $"The vNIC profile mapping {i} has no {key}; the role needs network and profile names on both sides.",
                        $"Set {key}.");
                    continue;
                }

                if (!seen.Add($"{s.ProfileName}\u001f{s.NetworkName}\u001f{s.DataCenter}"))
                {
                    var where = s.DataCenter is null ? string.Empty : $" in data center '{s.DataCenter}'";
                    ReportDuplicate(sink, side, $"{item}.{Entry(side, "profile_name")}", "vNIC profile", $"{s.NetworkName}/{s.ProfileName}{where}");
                }
            }
        }
    }

    private static void CheckLuns(DrMapping mapping, MappingFindingSink sink)
    {
        foreach (var side in Sides)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < mapping.Luns.Count; i++)
            {
                var id = mapping.Luns[i].Side(side).LogicalUnitId;
                var key = $"{LunMappings}[{i}].{Entry(side, "logical_unit_id")}";
                if (string.IsNullOrWhiteSpace(id))
                {
                    sink.Error(MappingFindingCodes.NameEmpty, key, $"The direct LUN mapping {i} has no {Entry(side, "logical_unit_id")}.",
                        $"Set {Entry(side, "logical_unit_id")} to the LUN's id (WWID) at the {SideName(side)} site.");
                }
                else if (!seen.Add(id))
                {
                    ReportDuplicate(sink, side, key, "direct LUN", id);
                }
            }
        }
    }

    private static void ReportDuplicate(MappingFindingSink sink, MappingSide side, string key, string label, string name)
    {
        var code = side == MappingSide.Primary ? MappingFindingCodes.NameDuplicatePrimary : MappingFindingCodes.NameDuplicateSecondary;
        sink.Error(code, key,
            $"The {SideName(side)} {label} '{name}' is mapped more than once; the role cannot tell which mapping applies.",
            $"Keep one mapping for '{name}' and remove the others.");
    }
}
