namespace RhvDr.Core.Incidents;

/// <summary>
/// The incident monitor's live picture: open incidents and those closed recently (newest first), the HA restart tracker and
/// the suggested next actions. Immutable; the store swaps a new one in on every change.
/// </summary>
public sealed record IncidentBoard(
    IReadOnlyList<Incident> Incidents,
    HaRestartStatus HaRestart,
    IReadOnlyList<SuggestedAction> Suggestions,
    long Version)
{
    public static IncidentBoard Empty { get; } = new([], HaRestartStatus.None, [], 0);

    public IEnumerable<Incident> Open => Incidents.Where(i => i.IsOpen);

    /// <summary>The VMs each open "still down" incident waits for (recomputed, not stored).</summary>
    public IReadOnlyList<StillDownList> StillDown { get; init; } = [];

    /// <summary>The VMs still down of incident <paramref name="incidentId"/>; null when the console does not follow it (any more).</summary>
    public StillDownList? StillDownOf(long incidentId) => StillDown.FirstOrDefault(s => s.IncidentId == incidentId);
}
