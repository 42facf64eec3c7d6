using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>
/// Finds the problems one inventory snapshot shows: an engine that does not answer, a site whose hosts are lost, single hosts
/// not responding, data domains inactive, replication broken or lagging, VMs not responding. Pure: the same snapshot always
/// gives the same conditions, so the monitor can diff them against the open incidents.
/// </summary>
public static class IncidentDetector
{
    private static readonly HashSet<HostStatus> LostHostStatuses =
        [HostStatus.NonResponsive, HostStatus.Down, HostStatus.NonOperational, HostStatus.Error, HostStatus.Kdumping];
    private static readonly HashSet<VmStatus> StuckVmStatuses = [VmStatus.Unknown, VmStatus.NotResponding, VmStatus.Paused];

    public static IReadOnlyList<IncidentCondition> Detect(InventorySnapshot snapshot, DrTopology topology)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var conditions = new Dictionary<string, IncidentCondition>(StringComparer.Ordinal);
        void Add(IncidentCondition c) => conditions.TryAdd(c.Key, c);

        foreach (var site in snapshot.Sites)
        {
            // Active/Active sites share one engine: engine, storage and replication problems are the engine's, reported once.
            var shared = topology == DrTopology.ActiveActive ? "stretch" : site.Site.Name;
            var engine = site.Engine;
            if (engine.Status is EngineConnectionStatus.Unknown)
            {
                continue;
            }
            if (!engine.IsReachable)
            {
                var name = topology == DrTopology.ActiveActive ? "The stretch engine" : $"Site {SiteName.Of(site.Site)}";
                Add(new IncidentCondition(
                    $"engine:{shared}",
                    IncidentKind.EngineUnreachable,
                    HealthLevel.Critical,
                    topology == DrTopology.ActiveActive ? string.Join(",", snapshot.Sites.Select(s => s.Site.Name)) : site.Site.Name,
                    $"{name} is unreachable",
                    engine.Message ?? $"The engine at {site.Site.EngineUrl} does not answer.",
                    new HashSet<string>(StringComparer.Ordinal)));
            }
            else
            {
                DetectHosts(site, Add);
                DetectDomains(site, shared, Add);
                DetectVms(site, Add);
            }
            DetectReplication(site, Add);
        }

        return conditions.Values.ToList();
    }

    private static void DetectHosts(SiteSnapshot site, Action<IncidentCondition> add)
    {
        var hosts = site.Inventory.Hosts;
        var lost = hosts.Where(h => LostHostStatuses.Contains(h.State)).ToList();
        if (lost.Count == 0)
        {
            return;
        }

        // Half the hosts or more gone at once is the site, not a host: one incident, not eight.
        if (hosts.Count >= 2 && lost.Count * 2 >= hosts.Count)
        {
            var vmsThere = site.Inventory.Vms.Where(v => v.HostName is not null && lost.Any(h => h.Name == v.HostName)).Select(v => v.Id);
            add(new IncidentCondition(
                $"site-down:{site.Site.Name}",
                IncidentKind.SiteDown,
                HealthLevel.Critical,
                site.Site.Name,
                $"Site {SiteName.Of(site.Site)} is down",
                $"{lost.Count} of {hosts.Count} hosts are not responding: {Names(lost.Select(h => h.Name))}.",
                lost.Select(h => h.Id).Concat(vmsThere).ToHashSet(StringComparer.Ordinal)));
            return;
        }

        foreach (var host in lost)
        {
            add(new IncidentCondition(
                $"host:{site.Site.Name}:{host.Name}",
                IncidentKind.HostNonResponsive,
                host.IsSpm ? HealthLevel.Critical : HealthLevel.Warning,
                site.Site.Name,
                $"Host {host.Name} is {host.Status.Replace('_', ' ')}",
                host.IsSpm
                    ? $"{host.Name} at {SiteName.Of(site.Site)} is the SPM; storage operations wait until it is fenced or back. {host.VmsRunning} VMs ran on it."
                    : $"{host.Name} at {SiteName.Of(site.Site)} is {host.Status}; {host.VmsRunning} VMs ran on it.",
                new HashSet<string>([host.Id], StringComparer.Ordinal)));
        }
    }

    private static void DetectDomains(SiteSnapshot site, string shared, Action<IncidentCondition> add)
    {
        foreach (var domain in site.Inventory.StorageDomains.Where(d => d.Type == "data" && d.State is StorageDomainStatus.Inactive or StorageDomainStatus.Unknown))
        {
            add(new IncidentCondition(
                $"sd:{shared}:{domain.Name}",
                IncidentKind.StorageDomainInactive,
                HealthLevel.Critical,
                site.Site.Name,
                $"Storage domain {domain.Name} is {domain.Status}",
                $"Data domain {domain.Name} ({domain.StorageType}) in {domain.DataCenterName ?? "its data center"} is {domain.Status}; VMs with disks on it cannot run.",
                new HashSet<string>([domain.Id], StringComparer.Ordinal)));
        }
    }

    private static void DetectVms(SiteSnapshot site, Action<IncidentCondition> add)
    {
        var stuck = site.Inventory.Vms.Where(v => StuckVmStatuses.Contains(v.State)).ToList();
        if (stuck.Count == 0)
        {
            return;
        }
        var ha = stuck.Count(v => v.HighlyAvailable);
        add(new IncidentCondition(
            $"vms:{site.Site.Name}",
            IncidentKind.VmsDown,
            ha > 0 ? HealthLevel.Critical : HealthLevel.Warning,
            site.Site.Name,
            $"{stuck.Count} VMs at {SiteName.Of(site.Site)} are not running normally",
            $"{stuck.Count} VMs are unknown, not responding or paused ({ha} highly available): {Names(stuck.Select(v => v.Name))}.",
            stuck.Select(v => v.Id).ToHashSet(StringComparer.Ordinal)));
    }

    private static void DetectReplication(SiteSnapshot site, Action<IncidentCondition> add)
    {
        foreach (var pair in site.Replication)
        {
            if (pair.State == "broken")
            {
                add(new IncidentCondition(
                    $"replication-broken:{pair.Id}",
                    IncidentKind.ReplicationBroken,
                    HealthLevel.Critical,
                    pair.SourceSite,
                    $"Replication of {pair.DomainName} is broken",
                    $"The {pair.Mode} pair {pair.Id} ({pair.SourceSite} → {pair.TargetSite}) is broken; the copy at {pair.TargetSite} is {pair.LagSeconds:0} s old and falling behind.",
                    new HashSet<string>(StringComparer.Ordinal)));
            }
            else if (pair.State is "replicating" && pair.Health >= HealthLevel.Warning)
            {
                add(new IncidentCondition(
                    $"replication-lag:{pair.Id}",
                    IncidentKind.ReplicationLagging,
                    pair.Health,
                    pair.SourceSite,
                    $"Replication of {pair.DomainName} is lagging",
                    $"The copy at {pair.TargetSite} is {pair.LagSeconds:0} s behind (interval {pair.IntervalSeconds} s).",
                    new HashSet<string>(StringComparer.Ordinal)));
            }
        }
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count <= 6 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(6))} and {list.Count - 6} more";
    }
}
