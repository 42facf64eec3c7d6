using RhvDr.Core.Monitoring;

namespace RhvDr.Core.Readiness;

/// <summary>Singleton in-memory store of the newest readiness report with coalesced subscriptions, like the inventory store.</summary>
public sealed class ReadinessStore(TimeProvider? time = null)
    : VersionedValueStore<ReadinessReport, ReadinessSubscription>(ReadinessReport.NotEvaluated, time), IReadinessStore
{
    public ReadinessReport Current => Value;

    /// <summary>Every evaluation is published, even an equal one: its timestamp says the checks ran again.</summary>
    public void Publish(ReadinessReport report) => Publish(report, skipWhenEqual: false);

    protected override ReadinessSubscription CreateSubscription(ReadinessReport value, long version, Func<(ReadinessReport, long)> current, Action<ReadinessSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time) =>
        new(value, version, current, unsubscribe, minInterval, time);
}
