namespace RhvDr.Core.Readiness;

/// <summary>What past runs tell readiness. Implemented by the run engine; <see cref="NoRecoveryHistory"/> until then.</summary>
public interface IRecoveryHistory
{
    /// <summary>The newest finished test failover, successful or not; null when none was recorded.</summary>
    Task<TestFailoverRecord?> GetLastTestFailoverAsync(CancellationToken cancellationToken = default);

    /// <summary>The steps of recent finished failovers and test failovers, newest first.</summary>
    Task<IReadOnlyList<RecoveryStepTiming>> GetStepTimingsAsync(CancellationToken cancellationToken = default);
}
