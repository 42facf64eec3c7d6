using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>Storage domains of both sites with their replication, filtered and sorted for the Storage page.</summary>
public sealed class StorageGridViewModel : GridViewModel<StorageDomainRow, StorageColumn>
{
    protected override IEnumerable<StorageDomainRow> BuildRows(SiteSnapshot site, InventorySnapshot all)
    {
        var pairs = ReplicationViewModel.Pairs(all);
        return site.Inventory.StorageDomains.Select(d => new StorageDomainRow(
            site.Site.Name,
            SiteName.Of(site.Site),
            d.Name,
            d.Status,
            d.Health,
            d.Type,
            d.StorageType,
            d.IsMaster,
            d.DataCenterName,
            d.UsedBytes,
            d.AvailableBytes,
            d.UsedFraction,
            pairs.FirstOrDefault(p => IsPairOf(p, d.Name, site.Site.Name))));
    }

    protected override string SearchKey(StorageDomainRow row) =>
        $"{row.Name} {row.Type} {row.StorageType} {row.DataCenterName} {row.Replication?.State}";

    protected override int Compare(StorageDomainRow a, StorageDomainRow b, StorageColumn column) => column switch
    {
        StorageColumn.Site => string.Compare(a.SiteDisplayName, b.SiteDisplayName, StringComparison.OrdinalIgnoreCase),
        StorageColumn.Status => string.Compare(a.Status, b.Status, StringComparison.Ordinal),
        StorageColumn.Health => a.Health.CompareTo(b.Health),
        StorageColumn.StorageType => string.Compare(a.StorageType, b.StorageType, StringComparison.Ordinal),
        StorageColumn.Used => a.UsedFraction.CompareTo(b.UsedFraction),
        StorageColumn.Free => a.AvailableBytes.CompareTo(b.AvailableBytes),
        StorageColumn.ReplicationLag => (a.Replication?.LagSeconds ?? -1).CompareTo(b.Replication?.LagSeconds ?? -1),
        _ => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
    };

    // A pair carries a domain of the source site; the target site sees the same name once it imports the replica.
    private static bool IsPairOf(ReplicationPairStatus pair, string domainName, string site) =>
        string.Equals(pair.DomainName, domainName, StringComparison.OrdinalIgnoreCase)
        && (string.Equals(pair.SourceSite, site, StringComparison.OrdinalIgnoreCase)
            || string.Equals(pair.TargetSite, site, StringComparison.OrdinalIgnoreCase));
}
