using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Sites;

/// <summary>Computes the <see cref="StretchClusterView"/> from the per-site snapshots of a stretch engine.</summary>
public static class StretchClusterAnalyzer
{
    public static StretchClusterView Analyze(InventorySnapshot snapshot, StretchSiteMap map)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(map);
        if (snapshot.Sites.Count == 0)
        {
            return StretchClusterView.Empty;
        }

        var hosts = snapshot.Sites.SelectMany(s => s.Inventory.Hosts).GroupBy(h => h.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var hostSite = hosts.ToDictionary(h => h.Name, h => map.SiteOfHost(h), StringComparer.Ordinal);
        var vms = snapshot.Sites.SelectMany(s => s.Inventory.Vms).GroupBy(v => v.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        string? RunningSite(InventoryVm vm) => vm.IsRunning && vm.HostName is not null && hostSite.TryGetValue(vm.HostName, out var s) ? s : null;
        bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        var drifted = vms
            .Select(v => (Vm: v, Preferred: map.PreferredSiteOf(v), Running: RunningSite(v)))
            .Where(x => x.Preferred is not null && x.Running is not null && !Same(x.Preferred, x.Running))
            .Select(x => new StretchDriftedVm(x.Vm.Name, x.Preferred!, x.Running!, x.Vm.HostName, x.Vm.HighlyAvailable))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();

        long HaMemoryAt(string site) => vms.Where(v => v.HighlyAvailable && Same(RunningSite(v), site)).Sum(v => v.MemoryBytes);

        var sites = snapshot.Sites.Select(s =>
        {
            var name = s.Site.Name;
            var siteHosts = hosts.Where(h => Same(hostSite[h.Name], name)).ToList();
            var running = vms.Where(v => Same(RunningSite(v), name)).ToList();
            var others = snapshot.Sites.Where(o => !Same(o.Site.Name, name)).Select(o => o.Site.Name).ToList();
            return new StretchSiteView(
                name,
                SiteName.Of(s.Site),
                siteHosts.Count(h => h.State == HostStatus.Up),
                siteHosts.Count,
                running.Count,
                vms.Count(v => Same(map.PreferredSiteOf(v), name)),
                drifted.Count(d => Same(d.RunningSite, name)),
                running.Count(v => v.HighlyAvailable),
                running.Count(v => v.HighlyAvailable && v.HasLease),
                siteHosts.Where(h => h.State == HostStatus.Up).Sum(h => h.MemoryBytes) - running.Sum(v => v.MemoryBytes),
                others.Sum(HaMemoryAt),
                siteHosts.Count == 0 ? 0 : siteHosts.Max(h => h.SpmPriority));
        }).ToList();

        var spm = hosts.FirstOrDefault(h => h.IsSpm);
        var storage = snapshot.Sites.SelectMany(s => s.Replication).GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(p => p.DomainName, StringComparer.Ordinal).ToList();
        return new StretchClusterView(
            sites,
            drifted,
            spm?.Name,
            spm is null ? null : hostSite[spm.Name],
            spm?.Status,
            vms.Count(v => v.IsRunning && v.HighlyAvailable && !v.HasLease),
            storage);
    }
}
