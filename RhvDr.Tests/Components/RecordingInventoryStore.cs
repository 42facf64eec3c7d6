using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

/// <summary>A real store that also keeps every subscription it hands out, so tests can see they were disposed.</summary>
public sealed class RecordingInventoryStore(InventoryStore inner) : IInventoryStore
{
    private readonly List<InventorySubscription> _subscriptions = [];

    public IReadOnlyList<InventorySubscription> Subscriptions => _subscriptions;

    public InventorySnapshot Current => inner.Current;

    public void Publish(SiteSnapshot site) => inner.Publish(site);

    public InventorySubscription Subscribe(TimeSpan? minInterval = null)
    {
        var subscription = inner.Subscribe(minInterval);
        _subscriptions.Add(subscription);
        return subscription;
    }
}
