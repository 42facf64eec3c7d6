using RhvDr.Core.Audit;
using RhvDr.Core.Security;
using System.Collections.Immutable;

namespace RhvDr.Core.Incidents;

/// <summary>Singleton incident board over the repository: every change is stored first, then published to subscribers.</summary>
public sealed class IncidentStore(IIncidentRepository repository, TimeProvider time, IAuditTrail audit) : IIncidentStore
{
    /// <summary>How long a closed incident stays on the board.</summary>
    public static readonly TimeSpan ClosedRetention = TimeSpan.FromHours(24);

    private const int BoardLimit = 200;

    private readonly Lock _gate = new();
    private ImmutableArray<IncidentSubscription> _subscribers = [];
    private IncidentBoard _current = IncidentBoard.Empty;

    public IncidentBoard Current => Volatile.Read(ref _current);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var incidents = await repository.ListAsync(time.GetUtcNow() - ClosedRetention, BoardLimit, cancellationToken).ConfigureAwait(false);
        var memory = await repository.RecallStillDownAsync(cancellationToken).ConfigureAwait(false);
        // The lists as last seen before the restart, shown until the monitor judges them against the engines again.
        var lists = incidents
            .Where(i => i is { Kind: IncidentKind.VmsStillDown, IsOpen: true } && memory.StillDown.ContainsKey(i.Id))
            .Select(i => new StillDownList(i.Id, i.Site, memory.StillDown[i.Id]
                .Where(v => !v.WasRunning)
                .OrderByDescending(v => v.HaPriority)
                .ThenBy(v => v.Name, StringComparer.Ordinal)
                .Select(v => new StillDownVm(v.Id, v.Name, v.Site.Length == 0 ? i.Site : v.Site, v.Status.Length == 0 ? "not found" : v.Status, v.HighlyAvailable, v.HaPriority))
                .ToList()))
            .ToList();
        Publish(board => board with { Incidents = incidents, StillDown = lists });
    }

    public Task<StillDownMemory> RecallStillDownAsync(CancellationToken cancellationToken) => repository.RecallStillDownAsync(cancellationToken);

    public Task SaveStillDownAsync(long incidentId, IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken) =>
        repository.SaveStillDownAsync(incidentId, vms, cancellationToken);

    public Task SaveOutageAsync(IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken) => repository.SaveOutageAsync(vms, cancellationToken);

    public async Task<Incident> OpenAsync(IncidentCondition condition, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var incident = await repository.OpenAsync(condition, at, cancellationToken).ConfigureAwait(false);
        Publish(board => board with { Incidents = [incident, .. board.Incidents.Take(BoardLimit - 1)] });
        return incident;
    }

    public async Task UpdateAsync(long id, IncidentCondition condition, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var entry = new IncidentTimelineEntry(at, IncidentTimelineKind.Changed, $"{condition.Title}: {condition.Detail}");
        await repository.UpdateAsync(id, condition, entry, cancellationToken).ConfigureAwait(false);
        Replace(id, i => i with { Severity = condition.Severity, Title = condition.Title, Detail = condition.Detail, Timeline = [.. i.Timeline, entry] });
    }

    public async Task AddTimelineAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken)
    {
        await repository.AddTimelineAsync(id, entry, cancellationToken).ConfigureAwait(false);
        Replace(id, i => i with { Timeline = [.. i.Timeline, entry] });
    }

    public async Task CloseAsync(long id, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        var entry = new IncidentTimelineEntry(at, IncidentTimelineKind.Closed, reason);
        await repository.CloseAsync(id, entry, cancellationToken).ConfigureAwait(false);
        Replace(id, i => i with { ClosedAt = at, Timeline = [.. i.Timeline, entry] });
    }

    public async Task<Incident?> AcknowledgeAsync(long id, Actor by, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.Can(Role.Operator))
        {
            await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.IncidentAcknowledge, $"incident {id}", AuditOutcomes.Denied, Detail: "needs the Operator role"), cancellationToken).ConfigureAwait(false);
            by.Require(Role.Operator, "acknowledge incidents");
        }
        if (await repository.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } incident)
        {
            return null;
        }
        var acknowledgement = new IncidentAcknowledgement(by.Name, time.GetUtcNow(), string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        await repository.AcknowledgeAsync(id, acknowledgement, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.IncidentAcknowledge, $"incident {id}", AuditOutcomes.Ok, Detail: $"{incident.Title}{(acknowledgement.Note is null ? "" : $"; note: {acknowledgement.Note}")}"), cancellationToken).ConfigureAwait(false);
        var stored = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            Replace(id, _ => stored);
        }
        if (stored is { Kind: IncidentKind.VmsStillDown, IsOpen: true })
        {
            await CloseAsync(id, acknowledgement.At, $"Closed by {by.Name}: the VMs still down are left as they are{(acknowledgement.Note is null ? "" : $" ({acknowledgement.Note})")}", cancellationToken).ConfigureAwait(false);
            stored = Current.Incidents.FirstOrDefault(i => i.Id == id) ?? stored;
        }
        return stored;
    }

    public void SetAssessment(HaRestartStatus haRestart, IReadOnlyList<SuggestedAction> suggestions)
    {
        var current = Current;
        if (current.HaRestart.Equals(haRestart) && current.HaRestart.Vms.SequenceEqual(haRestart.Vms) && current.Suggestions.SequenceEqual(suggestions))
        {
            return;
        }
        Publish(board => board with { HaRestart = haRestart, Suggestions = suggestions });
    }

    public void SetStillDown(IReadOnlyList<StillDownList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var current = Current.StillDown;
        if (current.Count == lists.Count && current.Zip(lists).All(p => p.First.IncidentId == p.Second.IncidentId && p.First.Vms.SequenceEqual(p.Second.Vms)))
        {
            return;
        }
        Publish(board => board with { StillDown = lists });
    }

    public IncidentSubscription Subscribe(TimeSpan? minInterval = null)
    {
        lock (_gate)
        {
            var subscription = new IncidentSubscription(_current, () => Current, Unsubscribe, minInterval ?? Monitoring.InventoryStore.DefaultMinInterval, time);
            _subscribers = _subscribers.Add(subscription);
            return subscription;
        }
    }

    private void Replace(long id, Func<Incident, Incident> change) =>
        Publish(board => board with { Incidents = board.Incidents.Select(i => i.Id == id ? change(i) : i).ToList() });

    private void Publish(Func<IncidentBoard, IncidentBoard> change)
    {
        ImmutableArray<IncidentSubscription> subscribers;
        lock (_gate)
        {
            var next = change(_current);
            Volatile.Write(ref _current, next with { Version = _current.Version + 1 });
            subscribers = _subscribers;
        }

        // Signalled outside the lock; a signal never blocks.
        foreach (var subscriber in subscribers)
        {
            subscriber.Notify();
        }
    }

    private void Unsubscribe(IncidentSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }
}
