namespace RhvDr.Core.Recovery;

/// <summary>What the API and pages do with runs. Refusals are <see cref="RunRequestException"/>s whose message says what to do.</summary>
public interface IRecoveryRunner
{
    /// <summary>Starts a run, or returns the run already active for the site pair (<see cref="RunStartResult.Created"/> false).</summary>
    Task<RunStartResult> StartAsync(RunRequest request, CancellationToken cancellationToken);

    Task<RecoveryRun> ResumeAsync(string id, CancellationToken cancellationToken);

    Task<RecoveryRun> ConfirmAsync(string id, CancellationToken cancellationToken);

    Task<RecoveryRun> PauseAsync(string id, CancellationToken cancellationToken);

    Task<RecoveryRun> CancelAsync(string id, CancellationToken cancellationToken);

    Task<RunDetails?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecoveryRun>> ListAsync(int limit, CancellationToken cancellationToken);
}
