using RhvDr.Core.Monitoring;

namespace RhvDr.Core.State;

/// <summary>Singleton in-memory store of the DR state; an unchanged state is not published again.</summary>
public sealed class DrStateStore(TimeProvider? time = null)
    : VersionedValueStore<DrState, DrStateSubscription>(DrState.Initial, time), IDrStateStore
{
    public DrState Current => Value;

    public void Publish(DrState state) => Publish(state, skipWhenEqual: true);

    protected override DrStateSubscription CreateSubscription(DrState value, long version, Func<(DrState, long)> current, Action<DrStateSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time) =>
        new(value, version, current, unsubscribe, minInterval, time);
}
