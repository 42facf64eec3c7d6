using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>
/// Follows the VMs of a lost site. While every site is healthy it remembers where each VM runs; when a site is lost it takes
/// the VMs that ran there and, on every snapshot, says which run again elsewhere, which are pending (restarting, waiting for a
/// lease to expire or a host to be fenced), which the engine failed to restart, and which are not HA and need an operator.
/// In Active/Passive nothing restarts at the other engine: while a lost site's engine does not answer, each of its VMs
/// waits for the failover instead of showing as pending forever.
/// Not thread-safe: the incident monitor calls it from one loop.
/// </summary>
public sealed class HaRestartTracker(DrTopology topology = DrTopology.ActiveActive)
{
    private static readonly HashSet<VmStatus> Restarting = [VmStatus.WaitForLaunch, VmStatus.PoweringUp, VmStatus.RebootInProgress];

    private readonly Dictionary<string, Placement> _lastGood = new(StringComparer.Ordinal);
    private List<Placement> _affected = [];
    private List<string> _lostSites = [];
    private DateTimeOffset? _since;

    /// <param name="snapshot">The newest inventory.</param>
    /// <param name="lostSites">Sites lost now (site down or, Active/Passive, engine unreachable); empty ends the episode.</param>
    /// <param name="failedVmIds">VMs the engine reported it could not restart.</param>
    public HaRestartStatus Update(InventorySnapshot snapshot, IReadOnlyCollection<string> lostSites, IReadOnlySet<string> failedVmIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(lostSites);
        ArgumentNullException.ThrowIfNull(failedVmIds);
        if (lostSites.Count == 0)
        {
            _affected = [];
            _lostSites = [];
            _since = null;
            Remember(snapshot);
            return HaRestartStatus.None;
        }

        var newlyLost = lostSites.Where(s => !_lostSites.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (newlyLost.Count > 0)
        {
            _since ??= now;
            _lostSites = [.. _lostSites, .. newlyLost];
            var known = _affected.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            _affected.AddRange(_lastGood.Values.Where(p => newlyLost.Contains(p.Site, StringComparer.OrdinalIgnoreCase) && known.Add(p.Id)));

            // VMs the console never saw healthy but that still show on the lost site's hosts (the console started mid-incident).
            foreach (var site in snapshot.Sites.Where(s => newlyLost.Contains(s.Site.Name, StringComparer.OrdinalIgnoreCase)))
            {
                foreach (var vm in site.Inventory.Vms.Where(v => v.HostName is not null && v.State is not VmStatus.Down && known.Add(v.Id)))
                {
                    _affected.Add(Placement.Of(vm, site.Site.Name));
                }
            }
        }

        var current = new Dictionary<string, (InventoryVm Vm, string Site)>(StringComparer.Ordinal);
        foreach (var site in snapshot.Sites)
        {
            foreach (var vm in site.Inventory.Vms)
            {
                // Active/Passive: after a failover the same VM id is registered at the other site; the running one wins.
                if (!current.TryGetValue(vm.Id, out var seen) || (!seen.Vm.IsRunning && vm.IsRunning))
                {
                    current[vm.Id] = (vm, site.Site.Name);
                }
            }
        }

        // Active/Passive: only the site's own engine restarts its VMs; while it does not answer, nothing will.
        var unreachable = snapshot.Sites.Where(s => !s.Engine.IsReachable).Select(s => s.Site.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var vms = _affected
            .Select(p => Classify(p, current.TryGetValue(p.Id, out var c) ? c : null, failedVmIds, unreachable))
            .OrderBy(v => v.State)
            .ThenByDescending(v => v.HaPriority)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        return new HaRestartStatus(_lostSites.ToList(), _since, vms);
    }

    private HaRestartVm Classify(Placement was, (InventoryVm Vm, string Site)? now, IReadOnlySet<string> failed, HashSet<string> unreachable)
    {
        var vm = now?.Vm;
        var site = now?.Site;
        var awayFromLoss = site is not null && !_lostSites.Contains(site, StringComparer.OrdinalIgnoreCase);
        var status = vm?.Status ?? "unknown";
        HaRestartState state;
        string note;
        if (vm is not null && vm.State == VmStatus.Up && (awayFromLoss || vm.HostName != was.Host))
        {
            state = HaRestartState.Restarted;
            note = $"running on {vm.HostName}";
        }
        else if (vm is not null && Restarting.Contains(vm.State))
        {
            state = HaRestartState.Pending;
            note = $"restarting on {vm.HostName}";
        }
        else if (failed.Contains(was.Id))
        {
            state = HaRestartState.Failed;
            note = "the engine could not restart it (no host with capacity?)";
        }
        else if (topology == DrTopology.ActivePassive && unreachable.Contains(was.Site))
        {
            state = HaRestartState.AwaitingFailover;
            note = was.HighlyAvailable
                ? "HA VMs of a lost Active/Passive site do not restart at the other engine: the failover starts it at the recovery site"
                : "the failover starts it at the recovery site";
        }
        else if (!was.HighlyAvailable)
        {
            state = HaRestartState.ManualAction;
            note = "not highly available: start it at the surviving site once its host is confirmed down";
        }
        else
        {
            state = HaRestartState.Pending;
            note = was.HasLease
                ? "waiting for its VM lease to expire (~80 s after the loss)"
                : $"no VM lease: waits until {was.Host} is fenced or 'Confirm Host has been rebooted' is used";
        }
        return new HaRestartVm(was.Id, was.Name, was.HighlyAvailable, was.HaPriority, was.HasLease, was.Host, state, status, vm?.HostName, site, note, was.Site);
    }

    /// <summary>
    /// Where VMs ran before the console restarted, as stored while their sites were lost: a site still lost after the restart
    /// is followed with them, not only with the VMs its hosts still show.
    /// </summary>
    public void Recall(IEnumerable<OutageVm> vms)
    {
        ArgumentNullException.ThrowIfNull(vms);
        foreach (var vm in vms)
        {
            _lastGood.TryAdd(vm.Id, new Placement(vm.Id, vm.Name, vm.LostSite, vm.LostHost, vm.HighlyAvailable, vm.HaPriority, vm.HasLease));
        }
    }

    private void Remember(InventorySnapshot snapshot)
    {
        var running = new Dictionary<string, List<Placement>>(StringComparer.Ordinal);
        foreach (var site in snapshot.Sites.Where(s => s.Engine.IsReachable))
        {
            foreach (var vm in site.Inventory.Vms)
            {
                if (vm.IsRunning && vm.HostName is not null)
                {
                    if (!running.TryGetValue(vm.Id, out var places))
                    {
                        running[vm.Id] = places = [];
                    }
                    places.Add(Placement.Of(vm, site.Site.Name));
                }
                else if (vm.State == VmStatus.Down)
                {
                    _lastGood.Remove(vm.Id);
                }
            }
        }

        foreach (var (id, places) in running)
        {
            // Sites are polled and published one at a time: a VM the engine just restarted at the other site can show
            // running at both until the lost site's snapshot catches up. Only an unambiguous placement is remembered.
            if (places.Count == 1 || !_lastGood.ContainsKey(id))
            {
                _lastGood[id] = places[0];
            }
        }
    }

    private sealed record Placement(string Id, string Name, string Site, string Host, bool HighlyAvailable, int HaPriority, bool HasLease)
    {
        public static Placement Of(InventoryVm vm, string site) =>
            new(vm.Id, vm.Name, site, vm.HostName ?? "", vm.HighlyAvailable, vm.HaPriority, vm.HasLease);
    }
}
