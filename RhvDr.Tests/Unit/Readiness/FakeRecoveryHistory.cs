using RhvDr.Core.Readiness;

namespace RhvDr.Tests.Readiness;

/// <summary>Recovery history a test sets, standing in for the run engine.</summary>
internal sealed class FakeRecoveryHistory : IRecoveryHistory
{
    public TestFailoverRecord? LastTest { get; set; }

    public List<RecoveryStepTiming> Timings { get; } = [];

    public Task<TestFailoverRecord?> GetLastTestFailoverAsync(CancellationToken cancellationToken = default) => Task.FromResult(LastTest);

    public Task<IReadOnlyList<RecoveryStepTiming>> GetStepTimingsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecoveryStepTiming>>(Timings);
}
