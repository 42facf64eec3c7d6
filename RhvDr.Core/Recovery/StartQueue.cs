namespace RhvDr.Core.Recovery;

/// <summary>
/// The VMs ready to start (registered, their domain active), handed out highest rank first (<see cref="StartWaves.Rank{T}"/>)
/// whenever one of the start slots is free. A slot stays taken from the start call until the VM is up or has failed, so at
/// most as many VMs boot at once as there are slots.
/// </summary>
public sealed class StartQueue(int slots) : IDisposable
{
    private readonly Lock _sync = new();
    private readonly PriorityQueue<(string VmId, bool KnownDown), (int Rank, long Order)> _ready = new();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, slots));
    private readonly SemaphoreSlim _items = new(0);
    private long _order;
    private bool _completed;

    /// <param name="knownDown">The run has just seen the VM down (it registered it): the start skips its first status check.</param>
    public void Enqueue(string vmId, int rank, bool knownDown)
    {
        lock (_sync)
        {
            if (_completed)
            {
                throw new InvalidOperationException("No VM can be queued to start after the last registration.");
            }

            _ready.Enqueue((vmId, knownDown), (rank, _order++));
        }

        _items.Release();
    }

    /// <summary>No more VMs will be queued: <see cref="NextAsync"/> returns null once the queue is empty.</summary>
    public void Complete()
    {
        lock (_sync)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
        }

        _items.Release();
    }

    /// <summary>Waits for a free slot and a ready VM; the caller owns the slot until it calls <see cref="Release"/>.</summary>
    public async Task<(string VmId, bool KnownDown)?> NextAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _items.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        lock (_sync)
        {
            if (_ready.TryDequeue(out var next, out _))
            {
                return next;
            }
        }

        // Completed and empty: leave the wake-up for the next caller and give the slot back.
        _items.Release();
        _slots.Release();
        return null;
    }

    public void Release() => _slots.Release();

    public void Dispose()
    {
        _slots.Dispose();
        _items.Dispose();
    }
}
