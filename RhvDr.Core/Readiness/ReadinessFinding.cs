namespace RhvDr.Core.Readiness;

/// <summary>A check's result as reported: which check, its outcome, and since when it has not passed.</summary>
/// <param name="FailingSince">First evaluation since the last pass that did not pass; null while passing or when unknown.</param>
public sealed record ReadinessFinding(
    string Id,
    string Title,
    int Weight,
    CheckStatus Status,
    CheckSeverity Severity,
    string Summary,
    IReadOnlyList<string> Evidence,
    string Remediation,
    DateTimeOffset? FailingSince = null)
{
    public static ReadinessFinding From(IReadinessCheck check, CheckResult result) =>
        new(check.Id, check.Title, check.Weight, result.Status, result.Severity, result.Summary, result.Evidence, result.Remediation);

    public bool IsPass => Status == CheckStatus.Pass;
}
