using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Notifications;

/// <summary>An incident as a notification carries it: the incident without its timeline, plus why it closed.</summary>
public sealed record NotificationIncident(
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
    string? CloseReason)
{
    public static NotificationIncident From(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var closeReason = incident.IsOpen ? null : incident.Timeline.LastOrDefault(t => t.Kind == IncidentTimelineKind.Closed)?.Text;
        return new NotificationIncident(
            incident.Id, incident.Key, incident.Kind, incident.Severity, incident.Site, incident.Title, incident.Detail,
            incident.OpenedAt, incident.ClosedAt, incident.Acknowledgement, closeReason);
    }
}
