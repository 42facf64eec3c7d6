using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RhvDr.Core.Readiness;

/// <summary>One subscriber's view of the readiness store: the report at subscription and a coalesced stream of newer ones.</summary>
public sealed class ReadinessSubscription : IDisposable
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Func<(ReadinessReport Report, long Version)> _current;
    private readonly Action<ReadinessSubscription> _unsubscribe;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private readonly long _version;
    private int _disposed;

    internal ReadinessSubscription(ReadinessReport report, long version, Func<(ReadinessReport, long)> current, Action<ReadinessSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
    {
        Report = report;
        _version = version;
        _current = current;
        _unsubscribe = unsubscribe;
        _minInterval = minInterval;
        _time = time;
    }

    /// <summary>The report when the subscription was made.</summary>
    public ReadinessReport Report { get; }

    internal void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Yields the newest report after each change, coalescing bursts. Ends when disposed or cancelled.</summary>
    public async IAsyncEnumerable<ReadinessReport> ReadChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastVersion = _version;
        while (true)
        {
            try
            {
                if (!await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
                while (_signal.Reader.TryRead(out _))
                {
                }
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            var (report, version) = _current();
            if (version != lastVersion)
            {
                lastVersion = version;
                yield return report;
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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _signal.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
