using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// The names and relations an engine object is mapped against (a VM's host, cluster, template and labels; a host's cluster and
/// site label; a domain's attached view). A full read builds them from every collection; a refresh of a few objects builds them
/// from the inventory it patches, so both map an object through the same code and agree.
/// </summary>
internal sealed class InventoryLookups
{
    public Dictionary<string, string?> DataCenterNames { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string? Name, string? DataCenterName)> Clusters { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> HostNames { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> DomainNames { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> TemplateNames { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> SiteLabelsByHost { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, IReadOnlyList<string>> LabelsByVm { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Only from <c>/disks</c>, for engines that do not inline disks with <c>follow</c>.</summary>
    public Dictionary<string, HashSet<string>> DomainsByVmFromDisks { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Up VMs per host id, for engines whose hosts carry no VM summary.</summary>
    public Dictionary<string, int> RunningByHost { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Status, master flag and data center exist only on the data center's view of an attached domain.</summary>
    public Dictionary<string, (OvirtStorageDomain Domain, string? DataCenter)> Attached { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Per domain id, the last OVF store update a user asked for.</summary>
    public Dictionary<string, DateTimeOffset> LastRequestedOvfUpdate { get; init; } = new(StringComparer.Ordinal);

    /// <summary>vNIC profile id → its network's name; a VM's NICs name only their profile.</summary>
    public Dictionary<string, string?> NetworkByVnicProfile { get; init; } = new(StringComparer.Ordinal);

    public string? ClusterName(OvirtRef? cluster) =>
        cluster?.Name ?? (cluster?.Id is { } id && Clusters.TryGetValue(id, out var c) ? c.Name : null);

    public string? DataCenterOf(OvirtRef? cluster) =>
        cluster?.Id is { } id && Clusters.TryGetValue(id, out var c) ? c.DataCenterName : null;

    public static string? Lookup(Dictionary<string, string?> names, string? id) =>
        id is not null && names.TryGetValue(id, out var name) ? name : null;
}
