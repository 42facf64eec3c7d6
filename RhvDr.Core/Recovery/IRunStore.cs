namespace RhvDr.Core.Recovery;

/// <summary>Runs, their steps, VM outcomes and logs in SQLite. Every write is an upsert so a resumed run can write again.</summary>
public interface IRunStore
{
    Task SaveRunAsync(RecoveryRun run, CancellationToken cancellationToken);

    Task SaveStepAsync(RunStep step, CancellationToken cancellationToken);

    /// <summary>Saves a VM outcome and raises the run's last event number to <paramref name="sequence"/>.</summary>
    Task SaveVmAsync(VmOutcome vm, long sequence, CancellationToken cancellationToken);

    /// <summary>Saves several VM outcomes at once (one transaction where the store has them), each with its event number.</summary>
    async Task SaveVmsAsync(IReadOnlyList<(VmOutcome Vm, long Sequence)> vms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vms);
        foreach (var (vm, sequence) in vms)
        {
            await SaveVmAsync(vm, sequence, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends a log line and raises the run's last event number to its sequence.</summary>
    Task AppendLogAsync(RunLogEntry entry, CancellationToken cancellationToken);

    Task<RecoveryRun?> GetRunAsync(string id, CancellationToken cancellationToken);

    /// <summary>The run with its steps, VM outcomes and the last <paramref name="logLimit"/> log lines.</summary>
    Task<RunDetails?> GetDetailsAsync(string id, int logLimit, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<RecoveryRun>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// How long each VM took from its start to its verification settling, by VM name, as the newest of the last
    /// <paramref name="runs"/> runs that verified VMs recorded it (a test failover or a drill teaches the next run).
    /// </summary>
    Task<IReadOnlyDictionary<string, TimeSpan>> GetVerificationTimesAsync(int runs, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, TimeSpan>>(new Dictionary<string, TimeSpan>(StringComparer.Ordinal));

    /// <summary>Runs pending, running, waiting or interrupted.</summary>
    Task<IReadOnlyList<RecoveryRun>> ListActiveRunsAsync(CancellationToken cancellationToken);
}
