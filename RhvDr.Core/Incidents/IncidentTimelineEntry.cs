namespace RhvDr.Core.Incidents;

/// <summary>One line of an incident's history; <see cref="EngineEventId"/> is set for entries taken from the engine's audit log.</summary>
public sealed record IncidentTimelineEntry(DateTimeOffset Time, IncidentTimelineKind Kind, string Text, long? EngineEventId = null);
