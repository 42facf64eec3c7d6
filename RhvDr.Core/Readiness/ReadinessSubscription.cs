using RhvDr.Core.Monitoring;

namespace RhvDr.Core.Readiness;

/// <summary>One subscriber's view of the readiness store: the report at subscription and a coalesced stream of newer ones.</summary>
public sealed class ReadinessSubscription : CoalescedSubscription<ReadinessReport>
{
    internal ReadinessSubscription(ReadinessReport report, long version, Func<(ReadinessReport, long)> current, Action<ReadinessSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
        : base(report, version, current, s => unsubscribe((ReadinessSubscription)s), minInterval, time)
    {
    }

    /// <summary>The report when the subscription was made.</summary>
    public ReadinessReport Report => Initial;
}
