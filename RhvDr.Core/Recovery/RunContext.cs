using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery;

/// <summary>
/// One run while it executes: its state, published as numbered events and written to the store through its
/// <see cref="RunJournal"/> in the same order, and the operator's hand on it (<see cref="RunControl"/>: confirm a
/// prompt, pause, cancel). Steps ask it for safe points; replication adapters prompt through it.
/// </summary>
public sealed class RunContext : IReplicationInteraction, IAsyncDisposable
{
    private const int LogTail = 300;

    private readonly IRunNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private readonly RunJournal _journal;
    private readonly RunControl _control;
    private RecoveryRun _run;
    private ImmutableList<RunStep> _steps;
    private ImmutableList<VmOutcome> _vms;
    private ImmutableDictionary<string, int> _vmIndex;
    private ImmutableList<RunLogEntry> _log;

    public RunContext(RunDetails details, IRunStore store, IRunNotifier notifier, TimeProvider time, ILogger logger, CancellationToken lifetime)
    {
        ArgumentNullException.ThrowIfNull(details);
        _notifier = notifier;
        _time = time;
        _logger = logger;
        _run = details.Run;
        _steps = [.. details.Steps];
        _vms = [.. details.Vms];
        _vmIndex = _vms.Select((v, i) => (v.VmId, i)).ToImmutableDictionary(p => p.VmId, p => p.i, StringComparer.Ordinal);
        _log = [.. details.Log];
        _journal = new RunJournal(store, logger, _run.Id);
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

    /// <summary>Adds a line to the run's log; the task completes once it is in the store (saved even when the run is being cancelled: it says why).</summary>
    public Task LogAsync(RunLogLevel level, string message, CancellationToken cancellationToken)
    {
        Task written;
        lock (_sync)
        {
            var sequence = NextSequence();
            var entry = new RunLogEntry(_run.Id, sequence, Now, level, message);
            _log = _log.Count >= LogTail ? _log.RemoveAt(0).Add(entry) : _log.Add(entry);
            _notifier.Publish(new RunEvent(_run.Id, sequence, entry.Time, RunEventKind.Log, entry), Details);
            written = _journal.AppendLogAsync(entry);
        }

        _logger.Log(level switch { RunLogLevel.Error => LogLevel.Error, RunLogLevel.Warning => LogLevel.Warning, _ => LogLevel.Information }, "Run {RunId}: {Message}", _run.Id, message);
        return written;
    }

    public Task SetRunAsync(Func<RecoveryRun, RecoveryRun> change, RunEventKind kind = RunEventKind.Status)
    {
        lock (_sync)
        {
            var sequence = NextSequence();
            _run = change(_run) with { LastSequence = sequence };
            _notifier.Publish(new RunEvent(_run.Id, sequence, Now, kind, _run), Details);
            return _journal.SaveRunAsync(_run);
        }
    }

    /// <summary>Adds the steps a procedure will take as pending (once: a resumed run keeps its recorded steps).</summary>
    public Task PlanStepsAsync(IReadOnlyList<(string Name, string Title, double ExpectedSeconds)> plan)
    {
        var added = new List<Task>();
        lock (_sync)
        {
            foreach (var (name, title, expected) in plan)
            {
                if (_steps.All(s => s.Name != name))
                {
                    var step = new RunStep { RunId = _run.Id, Index = _steps.Count, Name = name, Title = title, ExpectedSeconds = expected };
                    _steps = _steps.Add(step);
                    added.Add(_journal.SaveStepAsync(step));
                }
            }
        }

        return Task.WhenAll(added);
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

    /// <summary>
    /// Raised with each VM outcome as it changes in memory, in order, before it is saved. Handlers run under the run's
    /// lock: they only take note (e.g. complete a task that continues asynchronously) and never call back into the run.
    /// </summary>
    public event EventHandler<VmChangedEventArgs>? VmChanged;

    public VmOutcome? FindVm(string vmId) => _vmIndex.TryGetValue(vmId, out var i) ? _vms[i] : null;

    /// <summary>
    /// Saves a VM outcome (new or changed) and publishes it. The returned task completes once the change is in the store:
    /// the journal saves the VMs changed in one round together, so many VMs changing at once (a pipeline registering and
    /// starting side by side) cost one write each round instead of one each.
    /// </summary>
    public Task SaveVmAsync(VmOutcome vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        lock (_sync)
        {
            return SaveVmLockedAsync(vm);
        }
    }

    /// <summary>Changes a recorded VM outcome and saves it, as <see cref="SaveVmAsync"/>; no other change comes in between.</summary>
    public Task UpdateVmAsync(string vmId, Func<VmOutcome, VmOutcome> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_sync)
        {
            return SaveVmLockedAsync(change(_vms[_vmIndex[vmId]]));
        }
    }

    /// <summary>Takes no more writes into the journal and returns once every write of the run is in the store.</summary>
    public Task CompleteWritesAsync() => _journal.CompleteAsync();

    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync().ConfigureAwait(false);
        _control.Dispose();
    }

    private Task SaveStepAsync(string name, Func<RunStep, RunStep> change, RunEventKind kind)
    {
        lock (_sync)
        {
            var index = _steps.FindIndex(s => s.Name == name);
            if (index < 0)
            {
                _steps = _steps.Add(new RunStep { RunId = _run.Id, Index = _steps.Count, Name = name, Title = name });
                index = _steps.Count - 1;
            }

            var step = change(_steps[index]);
            _steps = _steps.SetItem(index, step);
            var sequence = NextSequence();
            _notifier.Publish(new RunEvent(_run.Id, sequence, Now, kind, step), Details);
            return _journal.SaveStepAsync(step, _run);
        }
    }

    // Called under _sync.
    private Task SaveVmLockedAsync(VmOutcome vm)
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

        VmChanged?.Invoke(this, new VmChangedEventArgs(vm));
        var sequence = NextSequence();
        _notifier.Publish(new RunEvent(_run.Id, sequence, Now, RunEventKind.VmUpdated, vm), Details);
        return _journal.SaveVmAsync(vm, sequence);
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
