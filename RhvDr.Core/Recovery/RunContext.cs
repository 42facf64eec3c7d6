using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery;

/// <summary>
/// One run while it executes: its state, persisted before and after each change, published as numbered events, and the
/// operator's hand on it (<see cref="RunControl"/>: confirm a prompt, pause, cancel). Steps ask it for safe points;
/// replication adapters prompt through it.
/// </summary>
public sealed class RunContext : IReplicationInteraction, IDisposable
{
    private const int LogTail = 300;

    private readonly IRunStore _store;
    private readonly IRunNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private readonly RunControl _control;
    private readonly Dictionary<string, (VmOutcome Vm, long Sequence)> _unwritten = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private RecoveryRun _run;
    private ImmutableList<RunStep> _steps;
    private ImmutableList<VmOutcome> _vms;
    private ImmutableDictionary<string, int> _vmIndex;
    private ImmutableList<RunLogEntry> _log;
    private TaskCompletionSource _nextWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _writing;

    public RunContext(RunDetails details, IRunStore store, IRunNotifier notifier, TimeProvider time, ILogger logger, CancellationToken lifetime)
    {
        ArgumentNullException.ThrowIfNull(details);
        _store = store;
        _notifier = notifier;
        _time = time;
        _logger = logger;
        _run = details.Run;
        _steps = [.. details.Steps];
        _vms = [.. details.Vms];
        _vmIndex = _vms.Select((v, i) => (v.VmId, i)).ToImmutableDictionary(p => p.VmId, p => p.i, StringComparer.Ordinal);
        _log = [.. details.Log];
        _control = new RunControl(lifetime, WaitingAsync, ContinuingAsync);
    }

    public RecoveryRun Run => _run;

    public IReadOnlyList<VmOutcome> Vms => _vms;

    public IReadOnlyList<RunStep> Steps => _steps;

    /// <summary>Cancelled when the operator cancels the run or the console stops.</summary>
    public CancellationToken Cancellation => _control.Cancellation;

    public bool CancelRequested => _control.CancelRequested;

    public DateTimeOffset Now => _time.GetUtcNow();

    public RunDetails Details => new(_run, _steps, _vms, _log);

    public void RequestCancel() => _control.RequestCancel();

    public void RequestPause() => _control.RequestPause();

    /// <summary>Answers the current prompt; false when nothing is waiting.</summary>
    public bool Confirm() => _control.Confirm();

    /// <inheritdoc cref="RunControl.SafePointAsync"/>
    public Task SafePointAsync() => _control.SafePointAsync();

    public Task PromptAsync(string instructions, CancellationToken cancellationToken) => _control.PromptAsync(instructions, cancellationToken);

    public Task LogAsync(RunLogLevel level, string message, CancellationToken cancellationToken)
    {
        RunLogEntry entry;
        lock (_sync)
        {
            var sequence = NextSequence();
            entry = new RunLogEntry(_run.Id, sequence, Now, level, message);
            _log = _log.Count >= LogTail ? _log.RemoveAt(0).Add(entry) : _log.Add(entry);
            _notifier.Publish(new RunEvent(_run.Id, sequence, entry.Time, RunEventKind.Log, entry), Details);
        }

        _logger.Log(level switch { RunLogLevel.Error => LogLevel.Error, RunLogLevel.Warning => LogLevel.Warning, _ => LogLevel.Information }, "Run {RunId}: {Message}", _run.Id, message);

        // The log line is saved even when the run is being cancelled: it says why.
        return WriteAsync(() => _store.AppendLogAsync(entry, CancellationToken.None));
    }

    public Task SetRunAsync(Func<RecoveryRun, RecoveryRun> change, RunEventKind kind = RunEventKind.Status)
    {
        RecoveryRun run;
        lock (_sync)
        {
            var sequence = NextSequence();
            _run = change(_run) with { LastSequence = sequence };
            run = _run;
            _notifier.Publish(new RunEvent(run.Id, sequence, Now, kind, run), Details);
        }

        return WriteAsync(() => _store.SaveRunAsync(run, CancellationToken.None));
    }

    /// <summary>Adds the steps a procedure will take as pending (once: a resumed run keeps its recorded steps).</summary>
    public async Task PlanStepsAsync(IReadOnlyList<(string Name, string Title, double ExpectedSeconds)> plan)
    {
        var added = new List<RunStep>();
        lock (_sync)
        {
            foreach (var (name, title, expected) in plan)
            {
                if (_steps.All(s => s.Name != name))
                {
                    var step = new RunStep { RunId = _run.Id, Index = _steps.Count, Name = name, Title = title, ExpectedSeconds = expected };
                    _steps = _steps.Add(step);
                    added.Add(step);
                }
            }
        }

        foreach (var step in added)
        {
            await WriteAsync(() => _store.SaveStepAsync(step, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    public bool StepSucceeded(string name) => _steps.Any(s => s.Name == name && s.Status is StepStatus.Succeeded or StepStatus.Skipped);

    /// <summary>
    /// Runs one step unless it already finished (a resumed run): saved as running before <paramref name="body"/> acts and as
    /// succeeded or failed after. The body returns a short detail for the timeline.
    /// </summary>
    public async Task StepAsync(string name, Func<CancellationToken, Task<string?>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (StepSucceeded(name))
        {
            return;
        }

        await SafePointAsync().ConfigureAwait(false);
        await BeginStepAsync(name).ConfigureAwait(false);
        string? detail;
        try
        {
            detail = await body(Cancellation).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await FailStepAsync(name, ex).ConfigureAwait(false);
            throw;
        }

        await FinishStepAsync(name, detail).ConfigureAwait(false);
    }

    /// <summary>Saves a step as running. Steps that overlap (the target side's pipeline) begin and finish through this and the two below.</summary>
    public Task BeginStepAsync(string name) =>
        SaveStepAsync(name, s => s with { Status = StepStatus.Running, StartedAt = Now, FinishedAt = null, Detail = null }, RunEventKind.StepStarted);

    public Task FinishStepAsync(string name, string? detail) =>
        SaveStepAsync(name, s => s with { Status = StepStatus.Succeeded, StartedAt = s.StartedAt ?? Now, FinishedAt = Now, Detail = detail }, RunEventKind.StepFinished);

    /// <summary>Saves a step as failed; a cancelled run says whether an operator cancelled it or the console is stopping.</summary>
    public Task FailStepAsync(string name, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var cancelled = error is OperationCanceledException && Cancellation.IsCancellationRequested;
        var message = cancelled ? (CancelRequested ? "Cancelled by an operator." : "Interrupted: the console is stopping.") : error.Message;
        return SaveStepAsync(name, s => s with { Status = StepStatus.Failed, FinishedAt = Now, Detail = message }, RunEventKind.StepFinished);
    }

    /// <summary>Marks a planned step as not applicable.</summary>
    public Task SkipStepAsync(string name, string why) =>
        StepSucceeded(name) ? Task.CompletedTask : SaveStepAsync(name, s => s with { Status = StepStatus.Skipped, FinishedAt = Now, Detail = why }, RunEventKind.StepFinished);

    public VmOutcome? FindVm(string vmId) => _vmIndex.TryGetValue(vmId, out var i) ? _vms[i] : null;

    /// <summary>
    /// Saves a VM outcome (new or changed) and publishes it. The returned task completes once the change is in the store.
    /// Changes are written by one writer at a time, all VMs changed since its last write together: many VMs changing at once
    /// (a pipeline registering and starting side by side) cost one write each round instead of one each, and writers never
    /// wait on each other's database locks.
    /// </summary>
    public Task SaveVmAsync(VmOutcome vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        Task written;
        var startWriter = false;
        lock (_sync)
        {
            if (_vmIndex.TryGetValue(vm.VmId, out var i))
            {
                _vms = _vms.SetItem(i, vm);
            }
            else
            {
                _vmIndex = _vmIndex.Add(vm.VmId, _vms.Count);
                _vms = _vms.Add(vm);
            }

            var sequence = NextSequence();
            _notifier.Publish(new RunEvent(_run.Id, sequence, Now, RunEventKind.VmUpdated, vm), Details);
            _unwritten[vm.VmId] = (vm, sequence);
            written = _nextWrite.Task;
            if (!_writing)
            {
                _writing = startWriter = true;
            }
        }

        if (startWriter)
        {
            _ = Task.Run(WriteVmsAsync);
        }

        return written;
    }

    public Task UpdateVmAsync(string vmId, Func<VmOutcome, VmOutcome> change)
    {
        VmOutcome updated;
        lock (_sync)
        {
            updated = change(_vms[_vmIndex[vmId]]);
        }

        return SaveVmAsync(updated);
    }

    public void Dispose() => _control.Dispose();

    /// <summary>Writes the VM outcomes changed since the last round until none are left; one writer at a time.</summary>
    private async Task WriteVmsAsync()
    {
        while (true)
        {
            List<(VmOutcome Vm, long Sequence)> batch;
            TaskCompletionSource round;
            lock (_sync)
            {
                if (_unwritten.Count == 0)
                {
                    _writing = false;
                    return;
                }

                batch = [.. _unwritten.Values];
                _unwritten.Clear();
                round = _nextWrite;
                _nextWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            try
            {
                // Saved even when the run is being cancelled: the outcome is what happened.
                await WriteAsync(() => _store.SaveVmsAsync(batch, CancellationToken.None)).ConfigureAwait(false);
                round.SetResult();
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Run {RunId}: saving {Count} VM outcomes failed", _run.Id, batch.Count);
                round.SetException(ex);
            }
        }
    }

    private async Task SaveStepAsync(string name, Func<RunStep, RunStep> change, RunEventKind kind)
    {
        RunStep step;
        RecoveryRun run;
        lock (_sync)
        {
            var index = _steps.FindIndex(s => s.Name == name);
            if (index < 0)
            {
                _steps = _steps.Add(new RunStep { RunId = _run.Id, Index = _steps.Count, Name = name, Title = name });
                index = _steps.Count - 1;
            }

            step = change(_steps[index]);
            _steps = _steps.SetItem(index, step);
            var sequence = NextSequence();
            _run = _run with { LastSequence = sequence };
            run = _run;
            _notifier.Publish(new RunEvent(_run.Id, sequence, Now, kind, step), Details);
        }

        await WriteAsync(async () =>
        {
            await _store.SaveStepAsync(step, CancellationToken.None).ConfigureAwait(false);
            await _store.SaveRunAsync(run, CancellationToken.None).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// One write to the store at a time: steps of a pipeline log and save side by side, and SQLite lets one writer in at a
    /// time; queued here, a write waits its turn instead of sleeping in SQLite's busy retry.
    /// </summary>
    private async Task WriteAsync(Func<Task> write)
    {
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await write().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Records the run as waiting for an operator (a prompt of <see cref="RunControl"/>).</summary>
    private async Task WaitingAsync(string instructions, CancellationToken cancellationToken)
    {
        await SetRunAsync(r => r.Wait(instructions), RunEventKind.Prompt).ConfigureAwait(false);
        await LogAsync(RunLogLevel.Warning, $"Waiting for an operator: {instructions}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the operator's confirmation and the run running again.</summary>
    private async Task ContinuingAsync(CancellationToken cancellationToken)
    {
        await LogAsync(RunLogLevel.Info, "Confirmed by an operator; continuing.", cancellationToken).ConfigureAwait(false);
        await SetRunAsync(r => r.Continue(), RunEventKind.Status).ConfigureAwait(false);
    }

    // Called under _sync.
    private long NextSequence()
    {
        var next = _run.LastSequence + 1;
        _run = _run with { LastSequence = next };
        return next;
    }
}
