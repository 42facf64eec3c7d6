namespace RhvDr.Core.Recovery;

/// <summary>
/// The operator's hand on a run while it executes: cancel, pause at the next safe point, and prompts that wait for a
/// confirmation. What a prompt leaves in the run (its waiting status, the log lines) is recorded by the run through
/// <c>waiting</c> (before the wait, with the instructions) and <c>continuing</c> (after the confirmation).
/// </summary>
public sealed class RunControl : IDisposable
{
    public const string PauseInstructions = "Paused by an operator at a safe point. Confirm to continue.";

    private readonly Lock _sync = new();
    private readonly CancellationTokenSource _cancel;
    private readonly Func<string, CancellationToken, Task> _waiting;
    private readonly Func<CancellationToken, Task> _continuing;
    private TaskCompletionSource? _prompt;
    private Task _pause = Task.CompletedTask;
    private bool _pauseRequested;
    private volatile bool _cancelRequested;

    public RunControl(CancellationToken lifetime, Func<string, CancellationToken, Task> waiting, Func<CancellationToken, Task> continuing)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(continuing);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        _waiting = waiting;
        _continuing = continuing;
    }

    /// <summary>Cancelled when the operator cancels the run or the console stops.</summary>
    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>An operator cancelled the run (as opposed to the console stopping).</summary>
    public bool CancelRequested => _cancelRequested;

    public void RequestCancel()
    {
        _cancelRequested = true;
        _cancel.Cancel();
    }

    public void RequestPause()
    {
        lock (_sync)
        {
            _pauseRequested = true;
        }
    }

    /// <summary>Answers the current prompt; false when nothing is waiting.</summary>
    public bool Confirm()
    {
        var prompt = Volatile.Read(ref _prompt);
        return prompt is not null && prompt.TrySetResult();
    }

    /// <summary>
    /// A point where stopping is safe: honours cancel and pause. Steps that run side by side all stop at the same pause: the
    /// first to reach a safe point asks the operator, the others wait for the same answer.
    /// </summary>
    public async Task SafePointAsync()
    {
        _cancel.Token.ThrowIfCancellationRequested();
        TaskCompletionSource? asking = null;
        Task pause;
        lock (_sync)
        {
            if (_pauseRequested)
            {
                _pauseRequested = false;
                asking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _pause = asking.Task;
            }

            pause = _pause;
        }

        if (asking is null)
        {
            await pause.WaitAsync(_cancel.Token).ConfigureAwait(false);
            return;
        }

        try
        {
            await PromptAsync(PauseInstructions, _cancel.Token).ConfigureAwait(false);
            asking.SetResult();
        }
        catch (Exception ex)
        {
            asking.SetException(ex);
            throw;
        }
    }

    /// <summary>Waits for an operator's confirmation; ends early (throwing) when the run is cancelled or the console stops.</summary>
    public async Task PromptAsync(string instructions, CancellationToken cancellationToken)
    {
        var prompt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _prompt, prompt);
        await _waiting(instructions, cancellationToken).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancel.Token);
        await prompt.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        Volatile.Write(ref _prompt, null);
        await _continuing(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _cancel.Dispose();
}
