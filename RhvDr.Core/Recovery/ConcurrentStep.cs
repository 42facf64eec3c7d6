namespace RhvDr.Core.Recovery;

/// <summary>
/// A step that runs alongside others (the target side's pipeline): it is saved as running when its first piece of work
/// begins, however many workers reach it, and as finished once by whoever finishes it. A step that succeeded in an earlier
/// execution of the run stays done: its work is skipped.
/// </summary>
public sealed class ConcurrentStep(RunContext run, string name)
{
    private readonly Lock _sync = new();
    private Task? _begun;
    private bool _finished;

    public string Name => name;

    /// <summary>It succeeded before this execution (a resumed run).</summary>
    public bool Done { get; } = run.StepSucceeded(name);

    public bool Begun
    {
        get
        {
            lock (_sync)
            {
                return _begun is not null;
            }
        }
    }

    public Task BeginAsync()
    {
        if (Done)
        {
            return Task.CompletedTask;
        }

        lock (_sync)
        {
            return _begun ??= run.BeginStepAsync(name);
        }
    }

    public async Task FinishAsync(string? detail)
    {
        if (Done)
        {
            return;
        }

        await BeginAsync().ConfigureAwait(false);
        await run.FinishStepAsync(name, detail).ConfigureAwait(false);
        lock (_sync)
        {
            _finished = true;
        }
    }

    /// <summary>Saves the step as failed if it had begun and not finished; a step that never began stays pending.</summary>
    public async Task FailAsync(Exception error)
    {
        Task? begun;
        lock (_sync)
        {
            begun = _finished ? null : _begun;
        }

        if (Done || begun is null)
        {
            return;
        }

        await begun.ConfigureAwait(false);
        await run.FailStepAsync(name, error).ConfigureAwait(false);
    }
}
