using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>Turns what is wrong into what to do next, most urgent first.</summary>
public static class IncidentAdvisor
{
    public static IReadOnlyList<SuggestedAction> Suggest(
        InventorySnapshot snapshot, IReadOnlyList<IncidentCondition> conditions, HaRestartStatus haRestart, DrTopology topology)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(haRestart);
        var actions = new List<SuggestedAction>();
        SiteSnapshot? Site(string name) => snapshot.Find(name);

        foreach (var c in conditions.Where(c => c.Kind == IncidentKind.EngineUnreachable))
        {
            var site = Site(c.Site);
            if (topology == DrTopology.ActivePassive && site?.Site.Role == SiteRole.Primary)
            {
                var recovery = snapshot.Sites.FirstOrDefault(s => s.Site.Role == SiteRole.Recovery);
                actions.Add(new SuggestedAction(
                    "Start disaster failover",
                    $"The primary site {SiteName.Of(site.Site)} does not answer. Confirm it is really lost (not a network partition), then fail over to {(recovery is null ? "the recovery site" : SiteName.Of(recovery.Site))}.",
                    new SuggestedRun("failover", "disaster", site.Site.Name)));
            }
            else if (topology == DrTopology.ActivePassive)
            {
                actions.Add(new SuggestedAction(
                    $"Restore the engine of {(site is null ? c.Site : SiteName.Of(site.Site))}",
                    "The recovery site's engine does not answer: no failover is possible until it does. Production is not affected."));
            }
            else
            {
                actions.Add(new SuggestedAction(
                    "Restore the stretch engine",
                    "The engine managing both sites does not answer. VMs keep running, but nothing restarts or moves until it is back."));
            }
        }

        if (haRestart.Active)
        {
            var lost = string.Join(", ", haRestart.LostSites);
            var unleased = haRestart.Vms.Where(v => v.State == HaRestartState.Pending && !v.HasLease).Select(v => v.LostHost).Distinct(StringComparer.Ordinal).ToList();
            if (unleased.Count > 0)
            {
                actions.Add(new SuggestedAction(
                    "Fence the lost hosts",
                    $"{haRestart.Vms.Count(v => v.State == HaRestartState.Pending && !v.HasLease)} HA VMs without a lease wait for their hosts. Make sure {string.Join(", ", unleased.Take(6))} are powered off, then use 'Confirm Host has been rebooted' on each."));
            }
            if (haRestart.ManualAction > 0 && topology == DrTopology.ActiveActive)
            {
                actions.Add(new SuggestedAction(
                    "Start the non-HA VMs at the surviving site",
                    $"{haRestart.ManualAction} VMs from {lost} are not highly available and stay down. Start the ones the business needs, highest priority first, once their hosts are confirmed down."));
            }
            if (haRestart.Failed > 0)
            {
                actions.Add(new SuggestedAction(
                    "Free capacity for the failed HA VMs",
                    $"{haRestart.Failed} HA VMs could not be restarted. Stop less important VMs at the surviving site, then start them."));
            }
        }

        if (haRestart.AwaitingFailover > 0 && !conditions.Any(c => c.Kind == IncidentKind.EngineUnreachable))
        {
            var primary = snapshot.Sites.FirstOrDefault(s => s.Site.Role == SiteRole.Primary);
            if (primary is not null && haRestart.LostSites.Contains(primary.Site.Name, StringComparer.OrdinalIgnoreCase))
            {
                actions.Add(new SuggestedAction(
                    "Start disaster failover",
                    $"{haRestart.AwaitingFailover} VMs of {SiteName.Of(primary.Site)} are down with its hosts. In Active/Passive nothing restarts them at the other engine: the failover does.",
                    new SuggestedRun("failover", "disaster", primary.Site.Name)));
            }
        }

        foreach (var c in conditions.Where(c => c.Kind == IncidentKind.VmsStillDown))
        {
            actions.Add(new SuggestedAction(
                "Start the VMs still down",
                $"{c.Title}. Start them from the incident (\"Start these VMs\"), or acknowledge it to leave them down."));
        }

        foreach (var c in conditions.Where(c => c.Kind == IncidentKind.SiteDown && topology == DrTopology.ActiveActive))
        {
            var spm = snapshot.Sites.SelectMany(s => s.Inventory.Hosts).FirstOrDefault(h => h.IsSpm);
            if (spm is not null && spm.State != HostStatus.Up)
            {
                actions.Add(new SuggestedAction(
                    "Move the SPM role",
                    $"The SPM host {spm.Name} went with the site: storage operations are blocked until it is fenced or 'Confirm Host has been rebooted' is used."));
            }
        }

        foreach (var c in conditions.Where(c => c.Kind == IncidentKind.HostNonResponsive))
        {
            actions.Add(new SuggestedAction($"Check {c.Title.Replace("Host ", "host ", StringComparison.Ordinal)}",
                "Check its power and network. If it is off, fence it or use 'Confirm Host has been rebooted' so its HA VMs restart elsewhere."));
        }
        foreach (var c in conditions.Where(c => c.Kind == IncidentKind.StorageDomainInactive))
        {
            actions.Add(new SuggestedAction($"Check storage: {c.Title}", "Check the storage server and the hosts' paths to it, then activate the domain."));
        }
        foreach (var c in conditions.Where(c => c.Kind == IncidentKind.ReplicationBroken))
        {
            actions.Add(new SuggestedAction($"Repair replication: {c.Title}",
                "Ask the storage admin to resync the pair. Until then the recovery copy ages: a disaster now loses everything written since it broke."));
        }
        return actions;
    }
}
