namespace RhvDr.Core.Sites;

/// <summary>Everything one poll read from one engine, immutable.</summary>
public sealed record SiteInventory(
    DateTimeOffset CollectedAt,
    IReadOnlyList<InventoryDataCenter> DataCenters,
    IReadOnlyList<InventoryCluster> Clusters,
    IReadOnlyList<InventoryHost> Hosts,
    IReadOnlyList<InventoryStorageDomain> StorageDomains,
    IReadOnlyList<InventoryVm> Vms)
{
    public static SiteInventory Empty { get; } = new(DateTimeOffset.MinValue, [], [], [], [], []);
}
