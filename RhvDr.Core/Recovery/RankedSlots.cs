namespace RhvDr.Core.Recovery;

/// <summary>
/// A fixed number of slots handed out by rank: when one frees, the waiting caller with the lowest rank takes it (equal
/// ranks in the order they asked). Registrations use it so the VMs that start first are registered first.
/// </summary>
public sealed class RankedSlots(int count)
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<TaskCompletionSource, (long Rank, long Order)> _waiting = new();
    private int _free = count;
    private long _order;

    public Task WaitAsync(long rank, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_free > 0 && _waiting.Count == 0)
            {
                _free--;
                return Task.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter, (rank, _order++));
        }

        // A cancelled waiter gives up its place: Release passes over it.
        var registration = cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), waiter);
        return AwaitAsync(waiter.Task, registration);
    }

    public void Release()
    {
        lock (_gate)
        {
            while (_waiting.TryDequeue(out var next, out _))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _free++;
        }
    }

    private static async Task AwaitAsync(Task granted, CancellationTokenRegistration registration)
    {
        await using (registration.ConfigureAwait(false))
        {
            await granted.ConfigureAwait(false);
        }
    }
}
