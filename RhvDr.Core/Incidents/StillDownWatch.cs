using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>
/// The VMs that ran at <see cref="Site"/> when it was lost, followed after it came back until each runs again.
/// Kept by the incident monitor, one per returned site; not thread-safe.
/// </summary>
internal sealed class StillDownWatch(string site, IReadOnlyList<HaRestartVm> vms)
{
    private readonly List<HaRestartVm> _vms = [.. vms.DistinctBy(v => v.Id, StringComparer.Ordinal)];

    public string Site { get; } = site;

    public IReadOnlyList<HaRestartVm> Vms => _vms;

    /// <summary>The incident has been seen open: when it is gone, an operator closed it.</summary>
    public bool Opened { get; set; }

    /// <summary>
    /// Seen against an inventory where its site answers. A watch recalled after a restart is not, until the site's engine has
    /// been reached: before the first poll every VM would look gone.
    /// </summary>
    public bool Judged { get; private set; } = true;

    /// <summary>The VMs as last stored with the incident; null before the first write.</summary>
    public IReadOnlyList<OutageVm>? Saved { get; set; }

    /// <summary>A watch remembered from the database after a restart: the same VMs, already stored with their open incident.</summary>
    public static StillDownWatch Recalled(string site, IReadOnlyList<OutageVm> vms) =>
        new(site, [.. vms.Select(v => v.ToHaRestartVm())]) { Opened = true, Saved = vms, Judged = false };

    /// <summary>Whether the watch can be judged against <paramref name="snapshot"/>; once its site has answered, always.</summary>
    public bool CanJudge(InventorySnapshot snapshot)
    {
        Judged |= snapshot.Find(Site)?.Engine.IsReachable == true;
        return Judged;
    }

    /// <summary>Every VM followed, with where and how it stands in <paramref name="snapshot"/>, as stored with the incident.</summary>
    public IReadOnlyList<OutageVm> ToStore(InventorySnapshot snapshot) =>
        [.. _vms.Select(v =>
        {
            var now = Now(v, snapshot);
            return OutageVm.Of(v, now.Site, now.Status);
        })];

    /// <summary>A second outage of the same site before the first was resolved adds its VMs to the same incident.</summary>
    public void Add(IEnumerable<HaRestartVm> more)
    {
        var known = _vms.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        _vms.AddRange(more.Where(v => known.Add(v.Id)));
    }

    public IncidentCondition ConditionFor(string key, IReadOnlyList<HaRestartVm> down, InventorySnapshot snapshot)
    {
        var name = snapshot.Find(Site) is { } found ? SiteName.Of(found.Site) : Site;
        var ha = down.Count(v => v.HighlyAvailable);
        var names = down.OrderByDescending(v => v.HaPriority).ThenBy(v => v.Name, StringComparer.Ordinal).Select(v => v.Name).ToList();
        var listed = names.Count <= 10 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(10))} and {names.Count - 10} more";
        return new IncidentCondition(
            key,
            IncidentKind.VmsStillDown,
            ha > 0 ? HealthLevel.Critical : HealthLevel.Warning,
            Site,
            $"VMs that ran before the outage are still down: {down.Count} at {name}",
            $"Site {name} is back, but {down.Count} VMs that ran there before it was lost are not running ({ha} highly available): {listed}. Start them, or acknowledge this incident to leave them down.",
            down.Select(v => v.Id).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The VM as it stands in <paramref name="snapshot"/>: where it is registered and its status.</summary>
    public StillDownVm Now(HaRestartVm vm, InventorySnapshot snapshot)
    {
        var placed = snapshot.Sites
            .Where(s => s.Engine.IsReachable)
            .SelectMany(s => s.Inventory.Vms.Where(v => v.Id == vm.Id).Select(v => (Site: s.Site.Name, Vm: v)))
            .FirstOrDefault();
        return new StillDownVm(vm.Id, vm.Name, placed.Site ?? Site, placed.Vm?.Status ?? "not found", vm.HighlyAvailable, vm.HaPriority);
    }
}
