namespace RhvDr.Core.State;

/// <summary>The newest <see cref="DrState"/> with coalesced subscriptions, like the other live stores.</summary>
public interface IDrStateStore
{
    DrState Current { get; }

    /// <summary>Publishes <paramref name="state"/> when it differs from the current one.</summary>
    void Publish(DrState state);

    /// <summary>The state now plus a stream of newer ones, at most one per <paramref name="minInterval"/>.</summary>
    DrStateSubscription Subscribe(TimeSpan? minInterval = null);
}
