using RhvDr.Core.Monitoring;

namespace RhvDr.Core.State;

/// <summary>One subscriber's view of the DR state: the state at subscription and a coalesced stream of newer ones.</summary>
public sealed class DrStateSubscription : CoalescedSubscription<DrState>
{
    internal DrStateSubscription(DrState state, long version, Func<(DrState, long)> current, Action<DrStateSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
        : base(state, version, current, s => unsubscribe((DrStateSubscription)s), minInterval, time)
    {
    }

    /// <summary>The state when the subscription was made.</summary>
    public DrState State => Initial;
}
