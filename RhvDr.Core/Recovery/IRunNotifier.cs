namespace RhvDr.Core.Recovery;

/// <summary>Live run events in process: pages subscribe to one run, the SignalR publisher to all. Events arrive in sequence order.</summary>
public interface IRunNotifier
{
    /// <summary>Called by the run engine with each event and the run's state after it; never blocks on subscribers.</summary>
    void Publish(RunEvent runEvent, RunDetails current);

    /// <summary>The run as last published (null when this process has not run it) and a stream of coalesced batches.</summary>
    RunSubscription Subscribe(string runId, TimeSpan? minInterval = null);

    /// <summary>Every run's events, uncoalesced, in order: for the hub.</summary>
    RunSubscription SubscribeAll();
}
