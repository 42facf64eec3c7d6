namespace RhvDr.Core.Readiness;

/// <summary>
/// One question about whether DR would work now. To add a check, write a class implementing this and register it with
/// <c>services.AddSingleton&lt;IReadinessCheck, MyCheck&gt;()</c>; the evaluator, history, page, API and export pick it up.
/// A check never throws for a condition it can name: it returns <see cref="CheckResult.CannotRun"/> instead.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>Stable id for automation and history, e.g. <c>replication</c>; never rename one.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>Share of the score (see <see cref="ReadinessEvaluator"/>).</summary>
    int Weight { get; }

    Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken);
}
