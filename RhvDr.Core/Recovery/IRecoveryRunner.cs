using RhvDr.Core.Security;

namespace RhvDr.Core.Recovery;

/// <summary>
/// What the API and pages do with runs. Refusals are <see cref="RunRequestException"/>s whose message says what to do;
/// an actor without the Operator role gets an <see cref="AccessDeniedException"/>. Every decision is audited.
/// </summary>
public interface IRecoveryRunner
{
    /// <summary>
    /// Starts a run, or returns the active run that holds its domains: one of the same plan, or of the whole estate
    /// (<see cref="RunStartResult.Created"/> false). Plans with disjoint domains run at once; a plan sharing a domain with an
    /// active plan run is refused (<see cref="RunRequestException.Conflict"/>). A run that needs four-eyes approval is
    /// created awaiting approval and starts when a second operator approves it.
    /// </summary>
    Task<RunStartResult> StartAsync(RunRequest request, CancellationToken cancellationToken);

    /// <summary>A second operator (not the requester) approves a run awaiting approval, with a written reason; the run starts.</summary>
    Task<RecoveryRun> ApproveAsync(string id, Actor by, string reason, CancellationToken cancellationToken);

    /// <summary>A second operator refuses a run awaiting approval, with a written reason; the run is cancelled.</summary>
    Task<RecoveryRun> RejectAsync(string id, Actor by, string reason, CancellationToken cancellationToken);

    Task<RecoveryRun> ResumeAsync(string id, Actor by, CancellationToken cancellationToken);

    Task<RecoveryRun> ConfirmAsync(string id, Actor by, CancellationToken cancellationToken);

    Task<RecoveryRun> PauseAsync(string id, Actor by, CancellationToken cancellationToken);

    Task<RecoveryRun> CancelAsync(string id, Actor by, CancellationToken cancellationToken);

    Task<RunDetails?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecoveryRun>> ListAsync(int limit, CancellationToken cancellationToken);
}
