using System.Collections.Immutable;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// A singleton store of one versioned value (the DR state, the readiness report) with coalesced subscriptions: publishing
/// swaps the value under a lock and wakes every subscriber outside it; a wake never blocks the publisher.
/// </summary>
public abstract class VersionedValueStore<T, TSubscription>(T initial, TimeProvider? time)
    where TSubscription : CoalescedSubscription<T>
{
    /// <summary>The default minimum interval between two notifications to one subscriber.</summary>
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private ImmutableArray<TSubscription> _subscribers = [];
    private (T Value, long Version) _current = (initial, 0);

    /// <summary>The number of values published so far.</summary>
    public long Version => Snapshot().Version;

    /// <summary>The newest value.</summary>
    protected T Value => Snapshot().Value;

    public TSubscription Subscribe(TimeSpan? minInterval = null)
    {
        lock (_gate)
        {
            var subscription = CreateSubscription(_current.Value, _current.Version, Snapshot, Unsubscribe, minInterval ?? DefaultMinInterval, _time);
            _subscribers = _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Makes the value current and wakes subscribers; with <paramref name="skipWhenEqual"/> an equal value changes nothing.</summary>
    protected void Publish(T value, bool skipWhenEqual)
    {
        ArgumentNullException.ThrowIfNull(value);
        ImmutableArray<TSubscription> subscribers;
        lock (_gate)
        {
            if (skipWhenEqual && EqualityComparer<T>.Default.Equals(_current.Value, value))
            {
                return;
            }
            _current = (value, _current.Version + 1);
            subscribers = _subscribers;
        }
        foreach (var subscriber in subscribers)
        {
            subscriber.Notify();
        }
    }

    protected abstract TSubscription CreateSubscription(T value, long version, Func<(T, long)> current, Action<TSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time);

    private (T Value, long Version) Snapshot()
    {
        lock (_gate)
        {
            return _current;
        }
    }

    private void Unsubscribe(TSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }
}
