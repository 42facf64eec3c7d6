using System.Collections.Concurrent;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Keeps each run's latest state and fans events out to subscribers' channels. Publishing only writes to channels
/// (no subscriber code runs on the publisher's thread), so one slow page never stalls a run.
/// </summary>
public sealed class RunNotifier(TimeProvider time) : IRunNotifier
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, RunDetails> _latest = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly List<RunSubscription> _subscriptions = [];

    public void Publish(RunEvent runEvent, RunDetails current)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        ArgumentNullException.ThrowIfNull(current);
        lock (_sync)
        {
            // Under the lock so that events of one run reach every subscriber in sequence order even from parallel VM tasks.
            _latest[runEvent.RunId] = current;
            foreach (var subscription in _subscriptions)
            {
                if (subscription.RunId is null || subscription.RunId == runEvent.RunId)
                {
                    subscription.Write(runEvent, current);
                }
            }
        }
    }

    public RunSubscription Subscribe(string runId, TimeSpan? minInterval = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        lock (_sync)
        {
            var subscription = new RunSubscription(runId, _latest.GetValueOrDefault(runId), Remove, minInterval ?? DefaultInterval, time);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    public RunSubscription SubscribeAll()
    {
        lock (_sync)
        {
            var subscription = new RunSubscription(null, null, Remove, TimeSpan.Zero, time);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    private void Remove(RunSubscription subscription)
    {
        lock (_sync)
        {
            _subscriptions.Remove(subscription);
        }
    }
}
