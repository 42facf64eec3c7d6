namespace RhvDr.Core.Incidents;

/// <summary>The VMs of one open "still down" incident (<see cref="IncidentKind.VmsStillDown"/>), highest HA priority first.</summary>
public sealed record StillDownList(long IncidentId, string Site, IReadOnlyList<StillDownVm> Vms);
