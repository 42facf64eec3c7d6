using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// One subscriber's view of a store that holds a single, versioned value (inventory, readiness, incidents): the value at
/// subscription and a coalesced stream of newer ones. A burst of publishes wakes the reader once; the reader then waits the
/// minimum interval before the next wake, so a page renders at most once per interval however fast the store changes.
/// </summary>
public abstract class CoalescedSubscription<T> : IDisposable
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly long _initialVersion;
    private readonly Func<(T Value, long Version)> _current;
    private readonly Action<CoalescedSubscription<T>> _unsubscribe;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private int _disposed;

    protected CoalescedSubscription(T initial, long initialVersion, Func<(T Value, long Version)> current, Action<CoalescedSubscription<T>> unsubscribe, TimeSpan minInterval, TimeProvider time)
    {
        Initial = initial;
        _initialVersion = initialVersion;
        _current = current;
        _unsubscribe = unsubscribe;
        _minInterval = minInterval;
        _time = time;
    }

    /// <summary>The value when the subscription was made.</summary>
    protected T Initial { get; }

    /// <summary>Wakes the reader; never blocks (a pending wake absorbs this one).</summary>
    internal void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Yields the newest value after each change, coalescing bursts. Ends when disposed or cancelled.</summary>
    public async IAsyncEnumerable<T> ReadChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastVersion = _initialVersion;
        while (await WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            var (value, version) = _current();
            if (version != lastVersion)
            {
                lastVersion = version;
                yield return value;
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
        GC.SuppressFinalize(this);
    }
}
