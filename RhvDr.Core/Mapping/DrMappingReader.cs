using static RhvDr.Core.Mapping.DrMappingKeys;

namespace RhvDr.Core.Mapping;

/// <summary>Builds a <see cref="DrMapping"/> from the root mapping of a vars file.</summary>
internal static class DrMappingReader
{
    private static readonly MappingSide[] Sides = [MappingSide.Primary, MappingSide.Secondary];

    public static DrMapping Read(YamlMapReader root, MappingImportContext context)
    {
        foreach (var side in Sides)
        {
            var keyNode = root.Drop(SitePassword(side));
            if (keyNode is not null)
            {
                context.Report(MappingSeverity.Warning, MappingFindingCodes.SecretDropped, SitePassword(side), keyNode.Start,
                    $"The {SideName(side)} engine password was found in the mapping file and was dropped: RhvDr never stores it with the mapping.",
                    "Enter the engine credentials in the console's site settings, and remove the password from the file (or keep it in an Ansible vault).");
            }
        }

        return new DrMapping
        {
            Primary = ReadSite(root, MappingSide.Primary),
            Secondary = ReadSite(root, MappingSide.Secondary),
            ImportStorages = List(root.Items(ImportStorages), ReadStorage),
            Clusters = List(root.Items(ClusterMappings), ReadName),
            AffinityGroups = List(root.Items(AffinityGroupMappings), ReadName),
            AffinityLabels = List(root.Items(AffinityLabelMappings), ReadName),
            AaaDomains = List(root.Items(DomainMappings), ReadName),
            Roles = List(root.Items(RoleMappings), ReadName),
            Networks = List(root.Items(NetworkMappings), ReadNetwork),
            Luns = List(root.Items(LunMappings), ReadLun),
            UnknownKeys = root.Unknown(),
        };
    }

    private static ValueList<T> List<T>(IReadOnlyList<YamlMapReader> items, Func<YamlMapReader, T> read) =>
        items.Count == 0 ? ValueList<T>.Empty : new ValueList<T>(items.Select(read));

    private static SiteRef ReadSite(YamlMapReader root, MappingSide side) =>
        new(root.String(SiteUrl(side)), root.String(SiteUsername(side)), root.String(SiteCaFile(side)));

    private static StorageDomainMapping ReadStorage(YamlMapReader item)
    {
        // Read in the order the keys are exported, so the side keys are consumed before Unknown() runs.
        var mapping = new StorageDomainMapping
        {
            DomainType = item.String(DomainType),
            DomainFunction = item.String(StorageDomainType),
            DomainId = item.String(DomainId),
            WipeAfterDelete = item.Bool(WipeAfterDelete),
            Backup = item.Bool(Backup),
            CriticalSpaceActionBlocker = item.Int(CriticalSpaceActionBlocker),
            WarningLowSpace = item.Int(WarningLowSpace),
            DiscardAfterDelete = item.Bool(DiscardAfterDelete),
            Primary = ReadStorageSide(item, MappingSide.Primary),
            Secondary = ReadStorageSide(item, MappingSide.Secondary),
        };
        return mapping with { UnknownKeys = item.Unknown() };
    }

    private static StorageDomainSide ReadStorageSide(YamlMapReader item, MappingSide side) => new()
    {
        Name = item.String(Storage(side, "name")),
        IsMaster = item.Bool(Storage(side, "master_domain")),
        DcName = item.String(Storage(side, "dc_name")),
        Address = item.String(Storage(side, "address")),
        Path = item.String(Storage(side, "path")),
        Port = item.Int(Storage(side, "port")),
        Targets = item.StringList(Storage(side, "target")),
        MountOptions = item.String(Storage(side, "mount_options")),
        NfsVersion = item.String(Storage(side, "version")),
        VfsType = item.String(Storage(side, "vfs_type")),
        Username = item.String(Storage(side, "username")),
        Password = item.Secret(Storage(side, "password")),
    };

    private static NameMapping ReadName(YamlMapReader item)
    {
        var mapping = new NameMapping(item.String(Entry(MappingSide.Primary, "name")), item.String(Entry(MappingSide.Secondary, "name")));
        return mapping with { UnknownKeys = item.Unknown() };
    }

    private static NetworkMapping ReadNetwork(YamlMapReader item)
    {
        var mapping = new NetworkMapping(ReadNetworkSide(item, MappingSide.Primary), ReadNetworkSide(item, MappingSide.Secondary));
        return mapping with { UnknownKeys = item.Unknown() };
    }

    private static NetworkSide ReadNetworkSide(YamlMapReader item, MappingSide side) => new(
        item.String(Entry(side, "network_name")),
        item.String(Entry(side, "profile_name")),
        item.String(Entry(side, "profile_id")),
        item.String(Entry(side, "network_dc")));

    private static LunMapping ReadLun(YamlMapReader item)
    {
        var mapping = new LunMapping
        {
            Alias = item.String(LunAlias),
            Description = item.String(LunDescription),
            WipeAfterDelete = item.Bool(LunWipeAfterDelete),
            Shareable = item.Bool(LunShareable),
            Primary = ReadLunSide(item, MappingSide.Primary),
            Secondary = ReadLunSide(item, MappingSide.Secondary),
        };
        return mapping with { UnknownKeys = item.Unknown() };
    }

    private static LunSide ReadLunSide(YamlMapReader item, MappingSide side) => new()
    {
        LogicalUnitId = item.String(Entry(side, "logical_unit_id")),
        StorageType = item.String(Entry(side, "storage_type")),
        Address = item.String(Entry(side, "logical_unit_address")),
        Port = item.Int(Entry(side, "logical_unit_port")),
        Portal = item.String(Entry(side, "logical_unit_portal")),
        Username = item.String(Entry(side, "logical_unit_username")),
        Password = item.Secret(Entry(side, "logical_unit_password")),
        Target = item.String(Entry(side, "logical_unit_target")),
    };
}
