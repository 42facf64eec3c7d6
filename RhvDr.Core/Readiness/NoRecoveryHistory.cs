namespace RhvDr.Core.Readiness;

/// <summary>No run has been recorded: the test-failover check warns and the RTO comes from the size model.</summary>
public sealed class NoRecoveryHistory : IRecoveryHistory
{
    public Task<TestFailoverRecord?> GetLastTestFailoverAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<TestFailoverRecord?>(null);

    public Task<IReadOnlyList<RecoveryStepTiming>> GetStepTimingsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecoveryStepTiming>>([]);
}
