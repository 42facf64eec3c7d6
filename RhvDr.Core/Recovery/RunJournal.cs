using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RhvDr.Core.Recovery;

/// <summary>
/// What one run writes to the store (its row, steps, VM outcomes, log lines), written by one writer in the order it was
/// queued. SQLite lets one writer in at a time: queued here, a write waits its turn instead of sleeping in SQLite's busy
/// retry, and steps running side by side never wait on each other's database locks. The VM outcomes queued in one round
/// are saved together, in one transaction, at the place of the first of them: many VMs changing at once (a pipeline
/// registering and starting side by side) cost one commit each round instead of one each. The task each write returns
/// completes once the write is in the store. Writes are made without cancellation: what a cancelled run did, and why,
/// is saved too.
/// </summary>
public sealed class RunJournal : IAsyncDisposable
{
    private readonly IRunStore _store;
    private readonly ILogger _logger;
    private readonly string _runId;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public RunJournal(IRunStore store, ILogger logger, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _logger = logger;
        _runId = runId;
        _writer = WriteAllAsync();
    }

    public Task SaveRunAsync(RecoveryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return QueueAsync(new Write(s => s.SaveRunAsync(run, CancellationToken.None)));
    }

    /// <summary>Saves a step and then, when given, the run row (whose last event number the step's event raised).</summary>
    public Task SaveStepAsync(RunStep step, RecoveryRun? run = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        return QueueAsync(new Write(async s =>
        {
            await s.SaveStepAsync(step, CancellationToken.None).ConfigureAwait(false);
            if (run is not null)
            {
                await s.SaveRunAsync(run, CancellationToken.None).ConfigureAwait(false);
            }
        }));
    }

    public Task SaveVmAsync(VmOutcome vm, long sequence)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return QueueAsync(new Write(null, vm, sequence));
    }

    public Task AppendLogAsync(RunLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return QueueAsync(new Write(s => s.AppendLogAsync(entry, CancellationToken.None)));
    }

    /// <summary>Takes no more writes and returns once every queued write is in the store (or has failed).</summary>
    public async Task CompleteAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CompleteAsync().ConfigureAwait(false);

    private Task QueueAsync(Write write)
    {
        if (_writes.Writer.TryWrite(write))
        {
            return write.Written.Task;
        }

        // The run has ended: a late line (an operator's pause as the run finished) is written on its own.
        return WriteAloneAsync(write);
    }

    private async Task WriteAloneAsync(Write write)
    {
        await (write.Vm is null ? WriteOneAsync(write) : WriteVmsAsync([write])).ConfigureAwait(false);
        await write.Written.Task.ConfigureAwait(false);
    }

    /// <summary>The one writer: each round takes every write queued so far and writes it in order.</summary>
    private async Task WriteAllAsync()
    {
        var reader = _writes.Reader;
        var round = new List<Write>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out var write))
            {
                round.Add(write);
            }

            var vms = round.Where(w => w.Vm is not null).ToList();
            foreach (var write in round)
            {
                if (write.Vm is null)
                {
                    await WriteOneAsync(write).ConfigureAwait(false);
                }
                else if (ReferenceEquals(write, vms[0]))
                {
                    await WriteVmsAsync(vms).ConfigureAwait(false);
                }
            }

            round.Clear();
        }
    }

    private async Task WriteOneAsync(Write write)
    {
        try
        {
            await write.Store!(_store).ConfigureAwait(false);
            write.Written.TrySetResult();
        }
        catch (Exception ex)
        {
            write.Written.TrySetException(ex);
        }
    }

    /// <summary>One transaction for the VMs of a round; a VM changed twice in it is saved once, as last changed.</summary>
    private async Task WriteVmsAsync(List<Write> writes)
    {
        var latest = new Dictionary<string, (VmOutcome Vm, long Sequence)>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            latest[write.Vm!.VmId] = (write.Vm, write.Sequence);
        }

        try
        {
            await _store.SaveVmsAsync([.. latest.Values], CancellationToken.None).ConfigureAwait(false);
            writes.ForEach(w => w.Written.TrySetResult());
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Run {RunId}: saving {Count} VM outcomes failed", _runId, latest.Count);
            writes.ForEach(w => w.Written.TrySetException(ex));
        }
    }

    /// <summary>A store write, or (with <see cref="Vm"/>) a VM outcome to save with its round.</summary>
    private sealed class Write(Func<IRunStore, Task>? store, VmOutcome? vm = null, long sequence = 0)
    {
        public Func<IRunStore, Task>? Store => store;

        public VmOutcome? Vm => vm;

        public long Sequence => sequence;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
