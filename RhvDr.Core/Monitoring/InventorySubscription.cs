using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// One subscriber's view of the store: the snapshot at subscription and a coalesced stream of newer ones.
/// A burst of publishes wakes the reader once; the reader then waits the minimum interval before the next wake,
/// so a page renders at most once per interval however fast the pollers publish.
/// </summary>
public sealed class InventorySubscription : IDisposable
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Func<InventorySnapshot> _current;
    private readonly Action<InventorySubscription> _unsubscribe;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private int _disposed;

    internal InventorySubscription(InventorySnapshot snapshot, Func<InventorySnapshot> current, Action<InventorySubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
    {
        Snapshot = snapshot;
        _current = current;
        _unsubscribe = unsubscribe;
        _minInterval = minInterval;
        _time = time;
    }

    /// <summary>The snapshot when the subscription was made.</summary>
    public InventorySnapshot Snapshot { get; }

    internal void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Yields the newest snapshot after each change, coalescing bursts. Ends when disposed or cancelled.</summary>
    public async IAsyncEnumerable<InventorySnapshot> ReadChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastVersion = Snapshot.Version;
        while (await WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            var current = _current();
            if (current.Version != lastVersion)
            {
                lastVersion = current.Version;
                yield return current;
            }
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

    private async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var more = await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            while (_signal.Reader.TryRead(out _))
            {
            }
            return more;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _signal.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
