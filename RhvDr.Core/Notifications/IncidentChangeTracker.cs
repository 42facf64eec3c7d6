using RhvDr.Core.Incidents;

namespace RhvDr.Core.Notifications;

/// <summary>
/// Tells what happened between two incident boards: opened, acknowledged (again, when someone else takes it), closed.
/// Boards arrive coalesced, so one board may hold several steps of one incident; they come out in the order they happened.
/// Incidents opened before <paramref name="since"/> (loaded from the database at start) are old news: only their later
/// acknowledgement or closing is reported.
/// </summary>
public sealed class IncidentChangeTracker(DateTimeOffset since)
{
    private Dictionary<long, (DateTimeOffset? AcknowledgedAt, bool Closed)> _known = [];

    public IReadOnlyList<IncidentChange> Apply(IncidentBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var changes = new List<IncidentChange>();
        var known = new Dictionary<long, (DateTimeOffset? AcknowledgedAt, bool Closed)>(board.Incidents.Count);
        foreach (var incident in board.Incidents)
        {
            known[incident.Id] = (incident.Acknowledgement?.At, !incident.IsOpen);
            if (!_known.TryGetValue(incident.Id, out var was))
            {
                if (incident.OpenedAt < since)
                {
                    continue;
                }
                changes.Add(new IncidentChange(NotificationEvents.IncidentOpened, incident, incident.OpenedAt));
                was = (null, false);
            }

            if (incident.Acknowledgement is { } acknowledgement && acknowledgement.At != was.AcknowledgedAt)
            {
                changes.Add(new IncidentChange(NotificationEvents.IncidentAcknowledged, incident, acknowledgement.At));
            }
            if (incident.ClosedAt is { } closedAt && !was.Closed)
            {
                changes.Add(new IncidentChange(NotificationEvents.IncidentClosed, incident, closedAt));
            }
        }

        _known = known;

        // The board lists newest first; receivers hear in the order things happened (a stable sort keeps opened before closed).
        return [.. changes.OrderBy(c => c.Time)];
    }
}
