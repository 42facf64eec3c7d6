using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>Hosts of both sites, filtered and sorted for the Hosts page.</summary>
public sealed class HostGridViewModel : GridViewModel<HostRow, HostColumn>
{
    protected override IEnumerable<HostRow> BuildRows(SiteSnapshot site, InventorySnapshot all) =>
        site.Inventory.Hosts.Select(h => new HostRow(
            site.Site.Name,
            SiteName.Of(site.Site),
            h.Name,
            h.Status,
            h.Health,
            h.Address,
            h.ClusterName,
            h.DataCenterName,
            h.IsSpm,
            h.PowerManagementEnabled,
            h.VmsRunning,
            h.Cpus,
            h.MemoryBytes));

    protected override string SearchKey(HostRow row) =>
        $"{row.Name} {row.Address} {row.ClusterName} {row.DataCenterName}";

    protected override int Compare(HostRow a, HostRow b, HostColumn column) => column switch
    {
        HostColumn.Site => string.Compare(a.SiteDisplayName, b.SiteDisplayName, StringComparison.OrdinalIgnoreCase),
        HostColumn.Status => string.Compare(a.Status, b.Status, StringComparison.Ordinal),
        HostColumn.Health => a.Health.CompareTo(b.Health),
        HostColumn.Cluster => string.Compare(a.ClusterName, b.ClusterName, StringComparison.OrdinalIgnoreCase),
        HostColumn.VmsRunning => a.VmsRunning.CompareTo(b.VmsRunning),
        HostColumn.Memory => a.MemoryBytes.CompareTo(b.MemoryBytes),
        _ => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
    };
}
