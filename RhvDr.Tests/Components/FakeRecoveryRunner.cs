using RhvDr.Core.Recovery;
using RhvDr.Core.Security;

namespace RhvDr.Tests.Components;

/// <summary>A runner that serves one run's details and records what the page asked of it.</summary>
internal sealed class FakeRecoveryRunner(RunDetails details) : IRecoveryRunner
{
    public List<string> Calls { get; } = [];

    public RunDetails Details { get; set; } = details;

    /// <summary>False: start answers that <see cref="Details"/>' run is already active (the API's 409).</summary>
    public bool StartCreates { get; set; } = true;

    public RunRequest? LastRequest { get; private set; }

    public Task<RunStartResult> StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        Calls.Add($"start {request.Kind} {request.Mode}");
        LastRequest = request;
        return Task.FromResult(new RunStartResult(Details.Run, StartCreates));
    }

    public Task<RecoveryRun> ApproveAsync(string id, Actor by, string reason, CancellationToken cancellationToken) => Record($"approve {id} by {by.Name}: {reason}");

    public Task<RecoveryRun> RejectAsync(string id, Actor by, string reason, CancellationToken cancellationToken) => Record($"reject {id} by {by.Name}: {reason}");

    public Task<RecoveryRun> ResumeAsync(string id, Actor by, CancellationToken cancellationToken) => Record($"resume {id}");

    public Task<RecoveryRun> ConfirmAsync(string id, Actor by, CancellationToken cancellationToken) => Record($"confirm {id}");

    public Task<RecoveryRun> PauseAsync(string id, Actor by, CancellationToken cancellationToken) => Record($"pause {id}");

    public Task<RecoveryRun> CancelAsync(string id, Actor by, CancellationToken cancellationToken) => Record($"cancel {id}");

    public Task<RunDetails?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(id == Details.Run.Id ? Details : null);

    public Task<IReadOnlyList<RecoveryRun>> ListAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecoveryRun>>([Details.Run]);

    private Task<RecoveryRun> Record(string call)
    {
        Calls.Add(call);
        return Task.FromResult(Details.Run);
    }
}
