using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>
/// A problem the detector sees in one snapshot. <see cref="Key"/> identifies it across snapshots (the same host down stays one
/// incident); <see cref="ObjectIds"/> are the engine ids of the hosts, VMs and domains involved, to attach engine events.
/// </summary>
public sealed record IncidentCondition(
    string Key,
    IncidentKind Kind,
    HealthLevel Severity,
    string Site,
    string Title,
    string Detail,
    IReadOnlySet<string> ObjectIds);
