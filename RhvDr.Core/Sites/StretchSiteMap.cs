using System.Text.RegularExpressions;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Sites;

/// <summary>
/// Active/Active: which site each host of the stretch cluster stands at (its affinity label, else a host name pattern) and which
/// site each VM prefers (the site's affinity label on the VM), so one engine's inventory can be shown as two sites.
/// </summary>
public sealed class StretchSiteMap
{
    private readonly IReadOnlyList<(string Site, string? Label, Regex? Pattern)> _sites;

    public StretchSiteMap(IEnumerable<SiteOptions> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        _sites = sites
            .Select(s => (s.Name,
                string.IsNullOrWhiteSpace(s.AffinityLabel) ? null : s.AffinityLabel.Trim(),
                string.IsNullOrWhiteSpace(s.HostPattern) ? null : new Regex(s.HostPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            .ToList();
    }

    public IEnumerable<string> Sites => _sites.Select(s => s.Site);

    /// <summary>The site a host stands at; null when neither its label nor its name says.</summary>
    public string? SiteOfHost(InventoryHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var (site, label, _) in _sites)
        {
            if (label is not null && string.Equals(label, host.SiteLabel, StringComparison.OrdinalIgnoreCase))
            {
                return site;
            }
        }
        foreach (var (site, _, pattern) in _sites)
        {
            if (pattern is not null && pattern.IsMatch(host.Name))
            {
                return site;
            }
        }
        return null;
    }

    /// <summary>The site a VM prefers (soft affinity); null when it carries no site's label.</summary>
    public string? PreferredSiteOf(InventoryVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        foreach (var (site, label, _) in _sites)
        {
            if (label is not null && vm.AffinityLabels?.Contains(label, StringComparer.OrdinalIgnoreCase) == true)
            {
                return site;
            }
        }
        return null;
    }

    /// <summary>
    /// The part of the stretch engine's inventory that belongs to <paramref name="site"/>: its hosts, the VMs on them, and the
    /// VMs without a host that prefer it (or, with no preference, the first site's). Storage, data centers and clusters are shared.
    /// </summary>
    public SiteInventory Split(SiteInventory inventory, string site)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var hostSites = inventory.Hosts.ToDictionary(h => h.Name, SiteOfHost, StringComparer.Ordinal);
        var fallback = _sites.Count > 0 ? _sites[0].Site : site;
        bool Here(string? s) => string.Equals(s, site, StringComparison.OrdinalIgnoreCase);
        var hosts = inventory.Hosts.Where(h => Here(hostSites[h.Name])).ToList();
        var vms = inventory.Vms.Where(v =>
                v.HostName is not null && hostSites.TryGetValue(v.HostName, out var hostSite)
                    ? Here(hostSite)
                    : Here(PreferredSiteOf(v) ?? fallback))
            .ToList();
        return inventory with { Hosts = hosts, Vms = vms };
    }
}
