using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Active/Passive: reads each site's own engine. Active/Active: both sites name the same engine, so one read is shared by the
/// two site pollers (the collection in flight, or one finished within <see cref="ShareWindow"/>) and split per site by
/// <see cref="StretchSiteMap"/>; the engine is read once per poll, not once per site.
/// </summary>
public sealed class TopologyInventoryCollector(SiteInventoryCollector inner, IOptions<RhvDrOptions> options, TimeProvider time) : ISiteInventoryCollector
{
    /// <summary>How long a finished read of the stretch engine serves the other site's poller.</summary>
    public static readonly TimeSpan ShareWindow = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Task<SiteInventory> Read, DateTimeOffset Started)> _shared = new(StringComparer.OrdinalIgnoreCase);
    private StretchSiteMap? _map;

    public async Task<SiteInventory> CollectAsync(string site, CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.Topology != DrTopology.ActiveActive)
        {
            return await inner.CollectAsync(site, cancellationToken).ConfigureAwait(false);
        }

        _map ??= new StretchSiteMap(value.Sites);
        var engineUrl = value.Sites.FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase))?.EngineUrl ?? site;
        Task<SiteInventory> read;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_shared.TryGetValue(engineUrl, out var shared) || (shared.Read.IsCompleted && now - shared.Started > ShareWindow))
            {
                shared = (inner.CollectAsync(site, cancellationToken), now);
                _shared[engineUrl] = shared;
            }
            read = shared.Read;
        }

        var inventory = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _map.Split(inventory, site);
    }

    /// <summary>
    /// Active/Passive: the site's own engine, patched. Active/Active: null, a full read. A patched VM may have moved to a host at
    /// the other site, and which site it belongs to is decided over both sites' hosts, which one site's inventory does not hold.
    /// </summary>
    public Task<SiteInventory?> RefreshAsync(string site, SiteInventory current, InventoryChanges changes, CancellationToken cancellationToken) =>
        options.Value.Topology == DrTopology.ActiveActive
            ? Task.FromResult<SiteInventory?>(null)
            : inner.RefreshAsync(site, current, changes, cancellationToken);
}
