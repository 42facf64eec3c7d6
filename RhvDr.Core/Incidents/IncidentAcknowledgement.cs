namespace RhvDr.Core.Incidents;

/// <summary>Someone took the incident: who, when, and what they said.</summary>
public sealed record IncidentAcknowledgement(string By, DateTimeOffset At, string? Note);
