using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>
/// Opens, changes and closes incidents from every inventory snapshot (<see cref="IncidentDetector"/>), adds the engines' events
/// about the objects involved to their timelines, and keeps the HA restart tracker and the suggested actions current.
/// When a lost site comes back, the VMs that ran there before the outage and do not run now become one "still down"
/// incident that closes only when they all run again or an operator acknowledges it: a site that answers again is not yet
/// a recovered site. One loop does all of it, so incidents never race each other.
/// The "still down" VMs of each open incident, and the VMs of the sites lost now, are kept in the database: after a console
/// restart the incident still knows its VMs, and an outage that began before the restart is still judged when the site returns.
/// </summary>
public sealed partial class IncidentMonitor(
    IInventoryStore inventory,
    IIncidentStore incidents,
    EngineEventLog engineEvents,
    IOptions<RhvDrOptions> options,
    TimeProvider time,
    ILogger<IncidentMonitor> logger) : BackgroundService
{
    private const int RecentEventLimit = 1000;
    private static readonly TimeSpan SnapshotInterval = TimeSpan.FromMilliseconds(200);
    // Events of normal severity that still belong on an incident's timeline: fencing, the SPM moving, the engine restarting a VM.
    private static readonly HashSet<int> NotableNormalCodes =
    [
        EngineEventCodes.SystemVdsRestart.Code,
        EngineEventCodes.VdsManualFenceStatus.Code,
        EngineEventCodes.UserVdsRestart.Code,
        EngineEventCodes.UserVdsStop.Code,
        EngineEventCodes.IrsHostedOnVds.Code,
        EngineEventCodes.VdsInitiatedRunVm.Code,
    ];

    private readonly Channel<(string Site, IReadOnlyList<OvirtEvent> Events)> _events =
        Channel.CreateBounded<(string, IReadOnlyList<OvirtEvent>)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HaRestartTracker _tracker = new(options.Value.Topology);
    private readonly Dictionary<string, StillDownWatch> _stillDown = new(StringComparer.Ordinal);
    private HaRestartStatus _lastHaRestart = HaRestartStatus.None;
    // VMs of sites lost before a restart, until their site is lost again (the tracker follows them) or answers (a watch does).
    private List<OutageVm> _recalledOutage = [];
    private IReadOnlyList<OutageVm> _savedOutage = [];
    private readonly Dictionary<long, HashSet<string>> _objects = [];
    private readonly Dictionary<long, HashSet<string>> _attached = [];
    private readonly HashSet<string> _failedVmIds = new(StringComparer.Ordinal);
    private readonly LinkedList<OvirtEvent> _recent = new();

    /// <summary>The last snapshot the monitor (and its HA restart tracker) has taken in; null before the first.</summary>
    public InventorySnapshot? LastApplied { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await incidents.LoadAsync(stoppingToken).ConfigureAwait(false);
            Recall(await incidents.RecallStillDownAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoadFailed(logger, ex);
        }

        using var eventSubscription = engineEvents.Subscribe((site, events) => _events.Writer.TryWrite((site, events)));
        using var subscription = inventory.Subscribe(SnapshotInterval);
        await GuardedAsync(() => ApplyAsync(subscription.Snapshot, stoppingToken)).ConfigureAwait(false);
        await Task.WhenAll(ReadSnapshotsAsync(subscription, stoppingToken), ReadEventsAsync(stoppingToken)).ConfigureAwait(false);
    }

    private async Task ReadSnapshotsAsync(InventorySubscription subscription, CancellationToken stoppingToken)
    {
        await foreach (var snapshot in subscription.ReadChangesAsync(stoppingToken).ConfigureAwait(false))
        {
            await GuardedAsync(() => ApplyAsync(snapshot, stoppingToken)).ConfigureAwait(false);
        }
    }

    private async Task ReadEventsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (_, events) in _events.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await GuardedAsync(() => AttachEventsAsync(events, stoppingToken)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task GuardedAsync(Func<Task> work)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed write must not stop incident detection; the next snapshot tries again.
            LogApplyFailed(logger, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Recall(StillDownMemory memory)
    {
        foreach (var (id, vms) in memory.StillDown)
        {
            if (incidents.Current.Open.FirstOrDefault(i => i.Id == id && i.Kind == IncidentKind.VmsStillDown) is { } incident)
            {
                _stillDown[incident.Key] = StillDownWatch.Recalled(incident.Site, vms);
            }
        }
        _recalledOutage = [.. memory.Outage];
        _savedOutage = memory.Outage;
        _tracker.Recall(memory.Outage);
    }

    /// <summary>Brings the incidents in line with one snapshot.</summary>
    internal async Task ApplyAsync(InventorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var topology = options.Value.Topology;
        var now = time.GetUtcNow();
        var conditions = IncidentDetector.Detect(snapshot, topology).ToList();
        var open = incidents.Current.Open.GroupBy(i => i.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var lostSites = conditions
            .Where(c => c.Kind == IncidentKind.SiteDown || (c.Kind == IncidentKind.EngineUnreachable && topology == DrTopology.ActivePassive))
            .Select(c => c.Site)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        WatchReturnedSites(snapshot, lostSites, open);
        var running = RunningVmIds(snapshot);
        foreach (var (key, watch) in _stillDown.ToList())
        {
            // A watch recalled after a restart waits for its site to answer: before the first poll every VM would look gone.
            if (!watch.CanJudge(snapshot))
            {
                continue;
            }
            var down = watch.Vms.Where(v => !running.Contains(v.Id)).ToList();
            if (down.Count > 0)
            {
                conditions.Add(watch.ConditionFor(key, down, snapshot));
                continue;
            }
            _stillDown.Remove(key);
            if (open.TryGetValue(key, out var recovered))
            {
                await incidents.CloseAsync(recovered.Id, now, "Cleared: every VM that ran before the outage runs again", cancellationToken).ConfigureAwait(false);
                _objects.Remove(recovered.Id);
                _attached.Remove(recovered.Id);
            }
        }

        foreach (var condition in conditions)
        {
            if (!open.TryGetValue(condition.Key, out var incident))
            {
                incident = await incidents.OpenAsync(condition, now, cancellationToken).ConfigureAwait(false);
                _objects[incident.Id] = new HashSet<string>(condition.ObjectIds, StringComparer.Ordinal);
                await AttachRecentAsync(incident.Id, cancellationToken).ConfigureAwait(false);
                open[condition.Key] = incident;
                continue;
            }
            ObjectsOf(incident.Id).UnionWith(condition.ObjectIds);
            if (incident.Severity != condition.Severity || incident.Title != condition.Title)
            {
                await incidents.UpdateAsync(incident.Id, condition, now, cancellationToken).ConfigureAwait(false);
            }
        }

        var present = conditions.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        // A "still down" incident closes when its VMs run (above) or when an operator acknowledges it, never for lack of a
        // watch: after a restart the console no longer knows the list, and the incident stays until someone decides.
        foreach (var incident in open.Values.Where(i => i.Kind != IncidentKind.VmsStillDown && !present.Contains(i.Key) && CanJudge(i, snapshot)))
        {
            await incidents.CloseAsync(incident.Id, now, $"Cleared: {ClearedText(incident)}", cancellationToken).ConfigureAwait(false);
            _objects.Remove(incident.Id);
            _attached.Remove(incident.Id);
        }

        await SaveStillDownAsync(snapshot, open, cancellationToken).ConfigureAwait(false);
        var haRestart = _tracker.Update(snapshot, lostSites, _failedVmIds, now);
        if (!haRestart.Active)
        {
            _failedVmIds.Clear();
        }
        _lastHaRestart = haRestart;
        await SaveOutageAsync(haRestart, cancellationToken).ConfigureAwait(false);
        incidents.SetAssessment(haRestart, IncidentAdvisor.Suggest(snapshot, conditions, haRestart, topology));
        incidents.SetStillDown(StillDownLists(snapshot, open));
        LastApplied = snapshot;
    }

    // A site the tracker had lost answers again: what ran there before the loss must run again before the outage is over.
    private void WatchReturnedSites(InventorySnapshot snapshot, IReadOnlyCollection<string> lostSites, Dictionary<string, Incident> open)
    {
        // An operator closed a "still down" incident by acknowledging it: the VMs left down are left alone.
        foreach (var (key, watch) in _stillDown.ToList())
        {
            if (watch.Opened && !open.ContainsKey(key))
            {
                _stillDown.Remove(key);
            }
            watch.Opened |= open.ContainsKey(key);
        }

        foreach (var site in _lastHaRestart.LostSites.Where(s => !lostSites.Contains(s, StringComparer.OrdinalIgnoreCase) && IsReachable(s, snapshot)))
        {
            Watch(site, _lastHaRestart.Vms.Where(v => string.Equals(v.LostSite, site, StringComparison.OrdinalIgnoreCase)).ToList(), open);
        }

        // Sites lost before the console restarted: lost still, the tracker follows their VMs again (it recalled them); back, they are judged now.
        foreach (var site in _recalledOutage.Select(v => v.LostSite).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            var returned = !lostSites.Contains(site, StringComparer.OrdinalIgnoreCase) && IsReachable(site, snapshot);
            if (!returned && !lostSites.Contains(site, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            var vms = _recalledOutage.Where(v => string.Equals(v.LostSite, site, StringComparison.OrdinalIgnoreCase)).ToList();
            _recalledOutage.RemoveAll(vms.Contains);
            if (returned)
            {
                Watch(site, [.. vms.Select(v => v.ToHaRestartVm())], open);
            }
        }
    }

    private void Watch(string site, List<HaRestartVm> before, Dictionary<string, Incident> open)
    {
        if (before.Count == 0)
        {
            return;
        }
        var key = $"still-down:{site}";
        if (_stillDown.TryGetValue(key, out var watch))
        {
            watch.Add(before);
        }
        else
        {
            _stillDown[key] = new StillDownWatch(site, before) { Opened = open.ContainsKey(key) };
        }
    }

    // Each open "still down" incident's VMs, written when one of them changes (a VM added, started, moved or gone).
    private async Task SaveStillDownAsync(InventorySnapshot snapshot, Dictionary<string, Incident> open, CancellationToken cancellationToken)
    {
        foreach (var (key, watch) in _stillDown)
        {
            if (!open.TryGetValue(key, out var incident) || !watch.CanJudge(snapshot))
            {
                continue;
            }
            var vms = watch.ToStore(snapshot);
            if (watch.Saved is null || !watch.Saved.SequenceEqual(vms))
            {
                await incidents.SaveStillDownAsync(incident.Id, vms, cancellationToken).ConfigureAwait(false);
                watch.Saved = vms;
            }
        }
    }

    // What ran at the sites lost now, written when a site is lost or returns; kept while a recalled site is not judged yet.
    private async Task SaveOutageAsync(HaRestartStatus haRestart, CancellationToken cancellationToken)
    {
        List<OutageVm> outage = [.. haRestart.Vms.Where(v => v.LostSite is not null).Select(v => OutageVm.Of(v)), .. _recalledOutage];
        outage = [.. outage.DistinctBy(v => v.Id, StringComparer.Ordinal).OrderBy(v => v.Id, StringComparer.Ordinal)];
        if (!outage.Select(v => (v.Id, v.LostSite)).SequenceEqual(_savedOutage.Select(v => (v.Id, v.LostSite))))
        {
            await incidents.SaveOutageAsync(outage, cancellationToken).ConfigureAwait(false);
            _savedOutage = outage;
        }
    }

    private static bool IsReachable(string site, InventorySnapshot snapshot) => snapshot.Find(site)?.Engine.IsReachable == true;

    private List<StillDownList> StillDownLists(InventorySnapshot snapshot, Dictionary<string, Incident> open)
    {
        var running = RunningVmIds(snapshot);
        var lists = new List<StillDownList>();
        foreach (var (key, watch) in _stillDown)
        {
            if (!open.TryGetValue(key, out var incident))
            {
                continue;
            }
            watch.Opened = true;
            if (!watch.CanJudge(snapshot) && incidents.Current.StillDownOf(incident.Id) is { } shown)
            {
                // Recalled after a restart and its site not reached yet: the list stays as last seen.
                lists.Add(shown);
                continue;
            }
            lists.Add(new StillDownList(incident.Id, watch.Site, watch.Vms
                .Where(v => !running.Contains(v.Id))
                .OrderByDescending(v => v.HaPriority)
                .ThenBy(v => v.Name, StringComparer.Ordinal)
                .Select(v => watch.Now(v, snapshot))
                .ToList()));
        }
        return lists;
    }

    // Running, or on its way up, at a site whose engine answers (a lost engine's last inventory proves nothing).
    private static HashSet<string> RunningVmIds(InventorySnapshot snapshot) =>
        snapshot.Sites
            .Where(s => s.Engine.IsReachable)
            .SelectMany(s => s.Inventory.Vms)
            .Where(v => v.IsRunning || v.State is VmStatus.WaitForLaunch)
            .Select(v => v.Id)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Adds engine events to the timelines of the open incidents whose hosts, VMs or domains they name.</summary>
    internal async Task AttachEventsAsync(IReadOnlyList<OvirtEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            if (e.Code == EngineEventCodes.HaVmRestartFailed.Code && e.Vm?.Id is { } failedVm)
            {
                _failedVmIds.Add(failedVm);
            }
            if (!IsNotable(e))
            {
                continue;
            }
            _recent.AddLast(e);
            if (_recent.Count > RecentEventLimit)
            {
                _recent.RemoveFirst();
            }
            foreach (var incident in incidents.Current.Open.ToList())
            {
                await AttachAsync(incident.Id, e, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AttachRecentAsync(long incidentId, CancellationToken cancellationToken)
    {
        // The event that made the poller refresh arrives before the snapshot that opens the incident.
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(5);
        foreach (var e in _recent.Where(e => e.Time is null || e.Time >= since).ToList())
        {
            await AttachAsync(incidentId, e, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AttachAsync(long incidentId, OvirtEvent e, CancellationToken cancellationToken)
    {
        var objects = ObjectsOf(incidentId);
        if (!(Concerns(objects, e.Host) || Concerns(objects, e.Vm) || Concerns(objects, e.StorageDomain)))
        {
            return;
        }
        if (!_attached.TryGetValue(incidentId, out var attached))
        {
            _attached[incidentId] = attached = new HashSet<string>(StringComparer.Ordinal);
        }
        // Active/Active sites follow the same engine: the same event arrives once per site.
        if (attached.Add($"{e.Id}:{e.Description}"))
        {
            var text = string.IsNullOrWhiteSpace(e.Description) ? $"Engine event {e.Code}" : e.Description;
            await incidents.AddTimelineAsync(incidentId, new IncidentTimelineEntry(e.Time ?? time.GetUtcNow(), IncidentTimelineKind.EngineEvent, text, e.Id), cancellationToken).ConfigureAwait(false);
        }
    }

    private HashSet<string> ObjectsOf(long incidentId)
    {
        if (!_objects.TryGetValue(incidentId, out var objects))
        {
            _objects[incidentId] = objects = new HashSet<string>(StringComparer.Ordinal);
        }
        return objects;
    }

    private static bool Concerns(HashSet<string> objects, OvirtRef? reference) => reference?.Id is { } id && objects.Contains(id);

    private static bool IsNotable(OvirtEvent e) =>
        e.Severity is "warning" or "error" or "alert" || (e.Code is { } code && NotableNormalCodes.Contains(code));

    // An unreachable engine says nothing about its hosts, VMs or domains: their incidents stay open until it answers again.
    private static bool CanJudge(Incident incident, InventorySnapshot snapshot) =>
        incident.Kind is IncidentKind.EngineUnreachable or IncidentKind.ReplicationBroken or IncidentKind.ReplicationLagging
        || snapshot.Find(incident.Site) is not { } site
        || site.Engine.IsReachable;

    private static string ClearedText(Incident incident) => incident.Kind switch
    {
        IncidentKind.EngineUnreachable => "the engine answers again",
        IncidentKind.SiteDown => "the site's hosts are back",
        IncidentKind.HostNonResponsive => "the host is back",
        IncidentKind.StorageDomainInactive => "the domain is active again",
        IncidentKind.ReplicationBroken => "the pair replicates again",
        IncidentKind.ReplicationLagging => "the copy caught up",
        IncidentKind.VmsStillDown => "every VM that ran before the outage runs again",
        _ => "every VM runs normally again",
    };

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incidents could not be loaded from the database")]
    private static partial void LogLoadFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident detection failed for one change; the next change retries")]
    private static partial void LogApplyFailed(ILogger logger, Exception ex);
}
