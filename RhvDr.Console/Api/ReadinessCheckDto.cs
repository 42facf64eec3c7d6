using RhvDr.Core.Readiness;

namespace RhvDr.Console.Api;

/// <summary>One check in <c>GET /api/readiness</c>.</summary>
public sealed record ReadinessCheckDto(
    string Id,
    string Title,
    string Status,
    string Severity,
    string Summary,
    IReadOnlyList<string> Evidence,
    string Remediation,
    DateTimeOffset? FailingSince)
{
    public static ReadinessCheckDto From(ReadinessFinding f) =>
        new(f.Id, f.Title, ReadinessText.Status(f.Status), ReadinessText.Severity(f.Severity), f.Summary, f.Evidence, f.Remediation, f.FailingSince);
}
