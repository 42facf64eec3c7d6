using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>The console's single picture of both sites. Pollers write it; pages, the API and the hub read it.</summary>
public interface IInventoryStore
{
    /// <summary>The newest snapshot of every configured site.</summary>
    InventorySnapshot Current { get; }

    /// <summary>Replaces one site's snapshot and notifies subscribers (coalesced).</summary>
    void Publish(SiteSnapshot site);

    /// <summary>A snapshot now plus a stream of newer snapshots, at most one per <paramref name="minInterval"/>.</summary>
    InventorySubscription Subscribe(TimeSpan? minInterval = null);
}
