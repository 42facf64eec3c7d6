using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>One subscriber's view of the inventory store: the snapshot at subscription and a coalesced stream of newer ones.</summary>
public sealed class InventorySubscription : CoalescedSubscription<InventorySnapshot>
{
    internal InventorySubscription(InventorySnapshot snapshot, Func<InventorySnapshot> current, Action<InventorySubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
        : base(snapshot, snapshot.Version, () => { var now = current(); return (now, now.Version); }, s => unsubscribe((InventorySubscription)s), minInterval, time)
    {
    }

    /// <summary>The snapshot when the subscription was made.</summary>
    public InventorySnapshot Snapshot => Initial;
}
