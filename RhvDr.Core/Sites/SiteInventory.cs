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
    /// <summary>The templates with disks (not Blank) and where those disks are; empty when the engine did not answer for them.</summary>
    public IReadOnlyList<InventoryTemplate> Templates { get; init; } = [];

    public static SiteInventory Empty { get; } = new(DateTimeOffset.MinValue, [], [], [], [], []);
}
