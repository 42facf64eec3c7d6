namespace RhvDr.Core.Incidents;

/// <summary>Incidents, their timelines and acknowledgements in the console's database.</summary>
public interface IIncidentRepository
{
    /// <summary>Stores a new incident with its first timeline entry; returns it with its id.</summary>
    Task<Incident> OpenAsync(IncidentCondition condition, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a new severity, title or detail and a timeline entry saying so.</summary>
    Task UpdateAsync(long id, IncidentCondition condition, IncidentTimelineEntry entry, CancellationToken cancellationToken);

    Task AddTimelineAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken);

    Task CloseAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken);

    Task AcknowledgeAsync(long id, IncidentAcknowledgement acknowledgement, CancellationToken cancellationToken);

    /// <summary>Open incidents and those closed since <paramref name="closedSince"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Incident>> ListAsync(DateTimeOffset closedSince, int limit, CancellationToken cancellationToken);

    Task<Incident?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Replaces the VMs stored for "still down" incident <paramref name="incidentId"/>.</summary>
    Task SaveStillDownAsync(long incidentId, IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken);

    /// <summary>Replaces the VMs of the sites lost now (empty when no site is lost).</summary>
    Task SaveOutageAsync(IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken);

    /// <summary>The VMs of the open "still down" incidents and of the sites lost now, as last saved.</summary>
    Task<StillDownMemory> RecallStillDownAsync(CancellationToken cancellationToken);
}
