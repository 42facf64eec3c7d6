using System.Collections.Immutable;

namespace RhvDr.Core.Readiness;

/// <summary>Singleton in-memory store of the newest readiness report with coalesced subscriptions, like the inventory store.</summary>
public sealed class ReadinessStore(TimeProvider? time = null) : IReadinessStore
{
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private ImmutableArray<ReadinessSubscription> _subscribers = [];
    private (ReadinessReport Report, long Version) _current = (ReadinessReport.NotEvaluated, 0);

    public ReadinessReport Current => Snapshot().Report;

    public long Version => Snapshot().Version;

    public void Publish(ReadinessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ImmutableArray<ReadinessSubscription> subscribers;
        lock (_gate)
        {
            _current = (report, _current.Version + 1);
            subscribers = _subscribers;
        }
        foreach (var subscriber in subscribers)
        {
            subscriber.Notify();
        }
    }

    public ReadinessSubscription Subscribe(TimeSpan? minInterval = null)
    {
        lock (_gate)
        {
            var subscription = new ReadinessSubscription(_current.Report, _current.Version, Snapshot, Unsubscribe, minInterval ?? DefaultMinInterval, _time);
            _subscribers = _subscribers.Add(subscription);
            return subscription;
        }
    }

    private (ReadinessReport Report, long Version) Snapshot()
    {
        lock (_gate)
        {
            return _current;
        }
    }

    private void Unsubscribe(ReadinessSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }
}
