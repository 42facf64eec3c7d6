namespace RhvDr.Core.Mapping;

/// <summary>One of the five name-pair lists and where its objects are found in an inventory.</summary>
internal sealed record NameMappingKind(
    string Key,
    string Label,
    Func<DrMapping, ValueList<NameMapping>> Mappings,
    Func<MappingInventory, IEnumerable<string>> InventoryNames)
{
    public static IReadOnlyList<NameMappingKind> All { get; } =
    [
        new(DrMappingKeys.ClusterMappings, "cluster", m => m.Clusters, i => i.Clusters.Select(c => c.Name)),
        new(DrMappingKeys.AffinityGroupMappings, "affinity group", m => m.AffinityGroups, i => i.AffinityGroups.Select(g => g.Name)),
        new(DrMappingKeys.AffinityLabelMappings, "affinity label", m => m.AffinityLabels, i => i.AffinityLabels),
        new(DrMappingKeys.DomainMappings, "AAA domain", m => m.AaaDomains, i => i.AaaDomains),
        new(DrMappingKeys.RoleMappings, "role", m => m.Roles, i => i.Roles),
    ];
}
