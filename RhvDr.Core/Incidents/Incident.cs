using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>An incident as stored: opened and closed by the detector, acknowledged by an operator, with its timeline (oldest first).</summary>
public sealed record Incident(
    long Id,
    string Key,
    IncidentKind Kind,
    HealthLevel Severity,
    string Site,
    string Title,
    string Detail,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    IncidentAcknowledgement? Acknowledgement,
    IReadOnlyList<IncidentTimelineEntry> Timeline)
{
    public bool IsOpen => ClosedAt is null;

    public bool IsAcknowledged => Acknowledgement is not null;
}
