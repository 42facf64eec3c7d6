using System.Collections.Concurrent;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Follows each engine's audit log with <c>GET /events?from=LASTID</c>, which returns only newer events and is cheap,
/// so a host going down shows within a second instead of at the next full poll.
/// </summary>
public sealed class EngineEventFollower(IEngineClientFactory clients, EngineEventLog? log = null) : IEngineEventSource
{
    private readonly ConcurrentDictionary<string, long> _lastIds = new(StringComparer.OrdinalIgnoreCase);

    public async Task<bool> HasRelevantChangesAsync(string site, CancellationToken cancellationToken) =>
        !(await ReadChangesAsync(site, cancellationToken).ConfigureAwait(false)).IsEmpty;

    public async Task<bool> HasRelevantChangesAsync(string site, IEngineClient client, CancellationToken cancellationToken) =>
        !(await ReadChangesAsync(site, client, cancellationToken).ConfigureAwait(false)).IsEmpty;

    public async Task<InventoryChanges> ReadChangesAsync(string site, CancellationToken cancellationToken)
    {
        var client = await clients.GetClientAsync(site, cancellationToken).ConfigureAwait(false);
        return await ReadChangesAsync(site, client, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InventoryChanges> ReadChangesAsync(string site, IEngineClient client, CancellationToken cancellationToken)
    {
        if (!_lastIds.TryGetValue(site, out var lastId))
        {
            // First contact: learn where the log ends; the full poll that just ran already shows the present.
            var newest = await client.GetEventsAsync(null, cancellationToken).ConfigureAwait(false);
            _lastIds[site] = newest.Count == 0 ? 0 : newest.Max(e => e.Id);
            return InventoryChanges.None;
        }

        var events = (await client.GetEventsAsync(lastId, cancellationToken).ConfigureAwait(false)).Where(e => e.Id > lastId).ToList();
        if (events.Count == 0)
        {
            return InventoryChanges.None;
        }
        _lastIds[site] = events.Max(e => e.Id);
        log?.Append(site, events.OrderBy(e => e.Id).ToList());
        return InventoryChanges.From(events);
    }

    /// <summary>Events about an object the inventory shows (logins and the like are not).</summary>
    public static bool IsRelevant(OvirtEvent e) =>
        e.Host is not null || e.Vm is not null || e.StorageDomain is not null || e.DataCenter is not null || e.Cluster is not null;
}
