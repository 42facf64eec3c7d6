namespace RhvDr.Core.Mapping;

/// <summary>
/// One site's objects as mapping validation and generation need them; built from the engine client elsewhere,
/// and easy to build by hand in tests.
/// </summary>
public sealed record MappingInventory
{
    public static MappingInventory Empty { get; } = new();

    public IReadOnlyList<MappingDataCenter> DataCenters { get; init; } = [];

    public IReadOnlyList<MappingCluster> Clusters { get; init; } = [];

    public IReadOnlyList<MappingStorageDomain> StorageDomains { get; init; } = [];

    public IReadOnlyList<MappingAffinityGroup> AffinityGroups { get; init; } = [];

    public IReadOnlyList<string> AffinityLabels { get; init; } = [];

    public IReadOnlyList<string> AaaDomains { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<MappingVnicProfile> VnicProfiles { get; init; } = [];

    public IReadOnlyList<MappingLun> Luns { get; init; } = [];

    public IReadOnlyList<MappingVm> Vms { get; init; } = [];
}
