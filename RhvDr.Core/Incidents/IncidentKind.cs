namespace RhvDr.Core.Incidents;

/// <summary>What went wrong. Stored by name, so values may be added but never renamed.</summary>
public enum IncidentKind
{
    EngineUnreachable,
    SiteDown,
    HostNonResponsive,
    StorageDomainInactive,
    ReplicationBroken,
    ReplicationLagging,
    VmsDown,
}
