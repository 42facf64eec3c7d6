using RhvDr.Core.Incidents;

namespace RhvDr.Tests.Components;

/// <summary>Incidents kept in memory, for component tests that need an incident board but no database.</summary>
public sealed class InMemoryIncidentRepository : IIncidentRepository
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Incident> _incidents = [];
    private readonly Dictionary<long, IReadOnlyList<OutageVm>> _stillDown = [];
    private IReadOnlyList<OutageVm> _outage = [];
    private long _nextId = 1;

    public Task<Incident> OpenAsync(IncidentCondition condition, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var incident = new Incident(_nextId++, condition.Key, condition.Kind, condition.Severity, condition.Site, condition.Title, condition.Detail, at, null, null,
                [new IncidentTimelineEntry(at, IncidentTimelineKind.Opened, $"{condition.Title}: {condition.Detail}")]);
            _incidents[incident.Id] = incident;
            return Task.FromResult(incident);
        }
    }

    public Task UpdateAsync(long id, IncidentCondition condition, IncidentTimelineEntry entry, CancellationToken cancellationToken) =>
        Change(id, i => i with { Severity = condition.Severity, Title = condition.Title, Detail = condition.Detail, Timeline = [.. i.Timeline, entry] });

    public Task AddTimelineAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken) =>
        Change(id, i => i with { Timeline = [.. i.Timeline, entry] });

    public Task CloseAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken) =>
        Change(id, i => i with { ClosedAt = entry.Time, Timeline = [.. i.Timeline, entry] });

    public Task AcknowledgeAsync(long id, IncidentAcknowledgement acknowledgement, CancellationToken cancellationToken) =>
        Change(id, i => i with { Acknowledgement = acknowledgement, Timeline = [.. i.Timeline, new IncidentTimelineEntry(acknowledgement.At, IncidentTimelineKind.Acknowledged, $"Acknowledged by {acknowledgement.By}")] });

    public Task<IReadOnlyList<Incident>> ListAsync(DateTimeOffset closedSince, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Incident> list = _incidents.Values.Where(i => i.ClosedAt is null || i.ClosedAt >= closedSince).OrderByDescending(i => i.Id).Take(limit).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<Incident?> GetAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_incidents.GetValueOrDefault(id));
        }
    }

    public Task SaveStillDownAsync(long incidentId, IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stillDown[incidentId] = [.. vms];
            return Task.CompletedTask;
        }
    }

    public Task SaveOutageAsync(IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _outage = [.. vms];
            return Task.CompletedTask;
        }
    }

    public Task<StillDownMemory> RecallStillDownAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var open = _stillDown.Where(p => _incidents.TryGetValue(p.Key, out var i) && i.IsOpen).ToDictionary(p => p.Key, p => p.Value);
            return Task.FromResult(new StillDownMemory(open, _outage));
        }
    }

    private Task Change(long id, Func<Incident, Incident> change)
    {
        lock (_gate)
        {
            if (_incidents.TryGetValue(id, out var incident))
            {
                _incidents[id] = change(incident);
            }
            return Task.CompletedTask;
        }
    }
}
