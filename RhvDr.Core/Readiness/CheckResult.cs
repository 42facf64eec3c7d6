namespace RhvDr.Core.Readiness;

/// <summary>
/// What one check found: the outcome, how much it matters, a one-line summary, the objects concerned and what to do.
/// </summary>
/// <param name="Evidence">The objects concerned, one line each (a VM, a domain pair, a host), in words.</param>
/// <param name="Remediation">What an operator does to fix it; empty when there is nothing to do.</param>
public sealed record CheckResult(CheckStatus Status, CheckSeverity Severity, string Summary, IReadOnlyList<string> Evidence, string Remediation)
{
    public static CheckResult Pass(string summary, IReadOnlyList<string>? evidence = null) =>
        new(CheckStatus.Pass, CheckSeverity.Info, summary, evidence ?? [], "");

    public static CheckResult Warn(string summary, IReadOnlyList<string> evidence, string remediation) =>
        new(CheckStatus.Warn, CheckSeverity.Warning, summary, evidence, remediation);

    public static CheckResult Fail(string summary, IReadOnlyList<string> evidence, string remediation, CheckSeverity severity = CheckSeverity.Critical) =>
        new(CheckStatus.Fail, severity, summary, evidence, remediation);

    /// <summary>The check could not run; <paramref name="severity"/> is what is at stake while it cannot.</summary>
    public static CheckResult CannotRun(string reason, string remediation, CheckSeverity severity = CheckSeverity.Critical) =>
        new(CheckStatus.Error, severity, $"Cannot run: {reason}", [], remediation);
}
