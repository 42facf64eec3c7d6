using System.Collections.Immutable;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>Singleton in-memory store of every site's newest snapshot, with coalesced subscriptions.</summary>
public sealed class InventoryStore : IInventoryStore
{
    /// <summary>The default minimum interval between two notifications to one subscriber.</summary>
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private ImmutableArray<InventorySubscription> _subscribers = [];
    private InventorySnapshot _current;

    public InventoryStore(IEnumerable<SiteDescriptor> sites, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _current = new InventorySnapshot(sites.Select(SiteSnapshot.Initial).ToList(), 0);
    }

    public InventorySnapshot Current => Volatile.Read(ref _current);

    public void Publish(SiteSnapshot site)
    {
        ImmutableArray<InventorySubscription> subscribers;
        lock (_gate)
        {
            var sites = _current.Sites.ToList();
            var index = sites.FindIndex(s => s.Site.Name == site.Site.Name);
            if (index < 0)
            {
                sites.Add(site);
            }
            else
            {
                sites[index] = site;
            }
            Volatile.Write(ref _current, new InventorySnapshot(sites, _current.Version + 1));
            subscribers = _subscribers;
        }

        // Subscribers are signalled outside the lock; a signal never blocks (bounded channel, drop when full).
        foreach (var subscriber in subscribers)
        {
            subscriber.Notify();
        }
    }

    public InventorySubscription Subscribe(TimeSpan? minInterval = null)
    {
        lock (_gate)
        {
            var subscription = new InventorySubscription(_current, () => Current, Unsubscribe, minInterval ?? DefaultMinInterval, _time);
            _subscribers = _subscribers.Add(subscription);
            return subscription;
        }
    }

    private void Unsubscribe(InventorySubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }
}
