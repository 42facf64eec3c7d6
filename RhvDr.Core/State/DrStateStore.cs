using System.Collections.Immutable;

namespace RhvDr.Core.State;

/// <summary>Singleton in-memory store of the DR state; an unchanged state is not published again.</summary>
public sealed class DrStateStore(TimeProvider? time = null) : IDrStateStore
{
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private ImmutableArray<DrStateSubscription> _subscribers = [];
    private (DrState State, long Version) _current = (DrState.Initial, 0);

    public DrState Current => Snapshot().State;

    public void Publish(DrState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ImmutableArray<DrStateSubscription> subscribers;
        lock (_gate)
        {
            if (_current.State == state)
            {
                return;
            }
            _current = (state, _current.Version + 1);
            subscribers = _subscribers;
        }
        foreach (var subscriber in subscribers)
        {
            subscriber.Notify();
        }
    }

    public DrStateSubscription Subscribe(TimeSpan? minInterval = null)
    {
        lock (_gate)
        {
            var subscription = new DrStateSubscription(_current.State, _current.Version, Snapshot, Unsubscribe, minInterval ?? DefaultMinInterval, _time);
            _subscribers = _subscribers.Add(subscription);
            return subscription;
        }
    }

    private (DrState State, long Version) Snapshot()
    {
        lock (_gate)
        {
            return _current;
        }
    }

    private void Unsubscribe(DrStateSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }
}
