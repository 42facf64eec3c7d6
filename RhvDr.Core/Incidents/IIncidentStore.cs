namespace RhvDr.Core.Incidents;

/// <summary>
/// The console's incident picture: a live board kept in memory and written through to <see cref="IIncidentRepository"/>.
/// The incident monitor opens, changes and closes incidents; operators acknowledge them; pages, the API and the hub read it.
/// </summary>
public interface IIncidentStore
{
    IncidentBoard Current { get; }

    /// <summary>
    /// Loads open and recently closed incidents from the database (at start), with the VM lists of the open "still down"
    /// incidents as last seen before the restart.
    /// </summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>What the database remembers about outages: the open "still down" incidents' VMs and the VMs of the sites lost now.</summary>
    Task<StillDownMemory> RecallStillDownAsync(CancellationToken cancellationToken);

    /// <summary>Stores every VM that "still down" incident <paramref name="incidentId"/> follows, with where and how it was last seen.</summary>
    Task SaveStillDownAsync(long incidentId, IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken);

    /// <summary>Stores the VMs that ran at the sites lost now, so an outage that spans a restart is still judged when they return.</summary>
    Task SaveOutageAsync(IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken);

    Task<Incident> OpenAsync(IncidentCondition condition, DateTimeOffset at, CancellationToken cancellationToken);

    Task UpdateAsync(long id, IncidentCondition condition, DateTimeOffset at, CancellationToken cancellationToken);

    Task AddTimelineAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken);

    Task CloseAsync(long id, DateTimeOffset at, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Records who took ownership of incident <paramref name="id"/> (Operator role; audited); null when there is no such incident.
    /// Acknowledging a "still down" incident (<see cref="IncidentKind.VmsStillDown"/>) also closes it: the operator has decided
    /// about the VMs left down.
    /// </summary>
    Task<Incident?> AcknowledgeAsync(long id, Security.Actor by, string? note, CancellationToken cancellationToken);

    /// <summary>Replaces the HA restart tracker's picture and the suggested actions (not stored: they are recomputed).</summary>
    void SetAssessment(HaRestartStatus haRestart, IReadOnlyList<SuggestedAction> suggestions);

    /// <summary>Replaces the VM lists of the open "still down" incidents (the monitor recomputes them and stores them through <see cref="SaveStillDownAsync"/>).</summary>
    void SetStillDown(IReadOnlyList<StillDownList> lists);

    /// <summary>The board now plus a stream of newer boards, at most one per <paramref name="minInterval"/>.</summary>
    IncidentSubscription Subscribe(TimeSpan? minInterval = null);
}
