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

    /// <summary>A lost site came back, and VMs that ran there before the outage are not running anywhere.</summary>
    VmsStillDown,
}
