namespace RhvDr.Core.Incidents;

/// <summary>What a timeline entry records. Stored by name.</summary>
public enum IncidentTimelineKind
{
    Opened,
    Changed,
    EngineEvent,
    Acknowledged,
    Closed,
}
