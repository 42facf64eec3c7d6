using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RhvDr.Core.Recovery;

/// <summary>
/// One subscriber's view of a run (or of all runs): the state when subscribed, then batches of events. Bursts are drained
/// as one batch, and the reader waits the minimum interval between batches, so a 2,000-VM run does not render per event.
/// </summary>
public sealed class RunSubscription : IDisposable
{
    private readonly Channel<(RunEvent Event, RunDetails Current)> _events = Channel.CreateUnbounded<(RunEvent, RunDetails)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<RunSubscription> _unsubscribe;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private int _disposed;

    internal RunSubscription(string? runId, RunDetails? snapshot, Action<RunSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
    {
        RunId = runId;
        Snapshot = snapshot;
        _unsubscribe = unsubscribe;
        _minInterval = minInterval;
        _time = time;
    }

    /// <summary>The run subscribed to; null for all runs.</summary>
    public string? RunId { get; }

    /// <summary>The run as last published when subscribing; null if this process has not published it (read the store then).</summary>
    public RunDetails? Snapshot { get; }

    internal void Write(RunEvent runEvent, RunDetails current) => _events.Writer.TryWrite((runEvent, current));

    public async IAsyncEnumerable<RunUpdate> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                if (!await _events.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            var batch = new List<RunEvent>();
            RunDetails? current = null;
            while (_events.Reader.TryRead(out var item))
            {
                batch.Add(item.Event);
                current = item.Current;
            }

            yield return new RunUpdate(current!, batch);
            if (_minInterval > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(_minInterval, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _events.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
