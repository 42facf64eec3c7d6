using RhvDr.Core.Readiness;

namespace RhvDr.Tests.Readiness;

/// <summary>A check that answers what it is told (or throws), for evaluator tests.</summary>
internal sealed class FixedCheck(string id, int weight, CheckResult? result, Exception? error = null) : IReadinessCheck
{
    public string Id => id;

    public string Title => $"Check {id}";

    public int Weight => weight;

    public Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken) =>
        error is null ? Task.FromResult(result!) : throw error;
}
