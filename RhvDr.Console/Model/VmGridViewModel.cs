using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>VMs of both sites, filtered and sorted for the VMs page; built for 10,000 rows.</summary>
public sealed class VmGridViewModel : GridViewModel<VmRow, VmColumn>
{
    protected override IEnumerable<VmRow> BuildRows(SiteSnapshot site, InventorySnapshot all) =>
        site.Inventory.Vms.Select(v => new VmRow(
            site.Site.Name,
            SiteName.Of(site.Site),
            v.Id,
            v.Name,
            v.Status,
            v.Health,
            v.HostName,
            v.ClusterName,
            v.HighlyAvailable,
            v.HaPriority,
            v.HasLease,
            v.Cpus,
            v.MemoryBytes,
            string.Join(", ", v.StorageDomainNames)));

    protected override string SearchKey(VmRow row) =>
        $"{row.Name} {row.HostName} {row.ClusterName} {row.StorageDomains}";

    protected override int Compare(VmRow a, VmRow b, VmColumn column) => column switch
    {
        VmColumn.Site => string.Compare(a.SiteDisplayName, b.SiteDisplayName, StringComparison.OrdinalIgnoreCase),
        VmColumn.Status => string.Compare(a.Status, b.Status, StringComparison.Ordinal),
        VmColumn.Health => a.Health.CompareTo(b.Health),
        VmColumn.Host => string.Compare(a.HostName, b.HostName, StringComparison.OrdinalIgnoreCase),
        VmColumn.Cluster => string.Compare(a.ClusterName, b.ClusterName, StringComparison.OrdinalIgnoreCase),
        VmColumn.HaPriority => (a.HighlyAvailable ? a.HaPriority + 1 : 0).CompareTo(b.HighlyAvailable ? b.HaPriority + 1 : 0),
        VmColumn.Memory => a.MemoryBytes.CompareTo(b.MemoryBytes),
        _ => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
    };
}
