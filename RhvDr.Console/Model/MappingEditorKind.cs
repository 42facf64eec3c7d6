using RhvDr.Core.Mapping;

namespace RhvDr.Console.Model;

/// <summary>One tab of the mapping editor: a mapping list of <c>disaster_recovery_vars.yml</c> and how the editor names it.</summary>
public sealed record MappingEditorKind(string Key, string Title, string Singular, string SecondaryField)
{
    public static MappingEditorKind Storage { get; } = new(DrMappingKeys.ImportStorages, "Storage domains", "storage domain", DrMappingKeys.Storage(MappingSide.Secondary, "name"));

    public static MappingEditorKind Clusters { get; } = new(DrMappingKeys.ClusterMappings, "Clusters", "cluster", DrMappingKeys.Entry(MappingSide.Secondary, "name"));

    public static MappingEditorKind AffinityGroups { get; } = new(DrMappingKeys.AffinityGroupMappings, "Affinity groups", "affinity group", DrMappingKeys.Entry(MappingSide.Secondary, "name"));

    public static MappingEditorKind AffinityLabels { get; } = new(DrMappingKeys.AffinityLabelMappings, "Affinity labels", "affinity label", DrMappingKeys.Entry(MappingSide.Secondary, "name"));

    public static MappingEditorKind AaaDomains { get; } = new(DrMappingKeys.DomainMappings, "AAA domains", "AAA domain", DrMappingKeys.Entry(MappingSide.Secondary, "name"));

    public static MappingEditorKind Roles { get; } = new(DrMappingKeys.RoleMappings, "Roles", "role", DrMappingKeys.Entry(MappingSide.Secondary, "name"));

    public static MappingEditorKind Networks { get; } = new(DrMappingKeys.NetworkMappings, "Networks", "vNIC profile", DrMappingKeys.Entry(MappingSide.Secondary, "profile_name"));

    public static MappingEditorKind Luns { get; } = new(DrMappingKeys.LunMappings, "LUNs", "direct LUN", DrMappingKeys.Entry(MappingSide.Secondary, "logical_unit_id"));

    public static IReadOnlyList<MappingEditorKind> All { get; } = [Storage, Clusters, AffinityGroups, AffinityLabels, AaaDomains, Roles, Networks, Luns];

    public bool IsNamePair => this != Storage && this != Networks && this != Luns;

    public string ItemKey(int index) => $"{Key}[{index}]";

    public string SecondaryKey(int index) => $"{ItemKey(index)}.{SecondaryField}";
}
