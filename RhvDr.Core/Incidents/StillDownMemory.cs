namespace RhvDr.Core.Incidents;

/// <summary>What the database remembers about outages: the VMs of each open "still down" incident, and the VMs of sites lost now.</summary>
/// <param name="StillDown">Per open <see cref="IncidentKind.VmsStillDown"/> incident id, every VM that ran at its site before the outage.</param>
/// <param name="Outage">The VMs that ran at the sites lost when the console last wrote them (empty when no site was lost).</param>
public sealed record StillDownMemory(IReadOnlyDictionary<long, IReadOnlyList<OutageVm>> StillDown, IReadOnlyList<OutageVm> Outage)
{
    public static StillDownMemory Empty { get; } = new(new Dictionary<long, IReadOnlyList<OutageVm>>(), []);
}
