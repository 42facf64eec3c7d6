namespace RhvDr.Core.Readiness;

/// <summary>The newest readiness report. The monitor writes it; the page, the API and the metrics read it.</summary>
public interface IReadinessStore
{
    ReadinessReport Current { get; }

    /// <summary>Monotonic; bumps on every publish.</summary>
    long Version { get; }

    void Publish(ReadinessReport report);

    /// <summary>The report now plus a stream of newer ones, at most one per <paramref name="minInterval"/>.</summary>
    ReadinessSubscription Subscribe(TimeSpan? minInterval = null);
}
