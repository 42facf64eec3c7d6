using RhvDr.Core.Incidents;

namespace RhvDr.Core.Notifications;

/// <summary>Something that happened to an incident: <see cref="Event"/> is one of the incident events of <see cref="NotificationEvents"/>.</summary>
public sealed record IncidentChange(string Event, Incident Incident, DateTimeOffset Time);
