using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RhvDr.Core.Incidents;

/// <summary>One subscriber's view of the incident board: the board at subscription and a coalesced stream of newer ones
/// (the same pattern as <see cref="Monitoring.InventorySubscription"/>: a burst wakes the reader once per interval).</summary>
public sealed class IncidentSubscription : IDisposable
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Func<IncidentBoard> _current;
    private readonly Action<IncidentSubscription> _unsubscribe;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private int _disposed;

    internal IncidentSubscription(IncidentBoard board, Func<IncidentBoard> current, Action<IncidentSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
    {
        Board = board;
        _current = current;
        _unsubscribe = unsubscribe;
        _minInterval = minInterval;
        _time = time;
    }

    /// <summary>The board when the subscription was made.</summary>
    public IncidentBoard Board { get; }

    internal void Notify() => _signal.Writer.TryWrite(true);

    public async IAsyncEnumerable<IncidentBoard> ReadChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastVersion = Board.Version;
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
