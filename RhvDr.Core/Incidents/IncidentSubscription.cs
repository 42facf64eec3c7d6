using RhvDr.Core.Monitoring;

namespace RhvDr.Core.Incidents;

/// <summary>One subscriber's view of the incident board: the board at subscription and a coalesced stream of newer ones.</summary>
public sealed class IncidentSubscription : CoalescedSubscription<IncidentBoard>
{
    internal IncidentSubscription(IncidentBoard board, Func<IncidentBoard> current, Action<IncidentSubscription> unsubscribe, TimeSpan minInterval, TimeProvider time)
        : base(board, board.Version, () => { var now = current(); return (now, now.Version); }, s => unsubscribe((IncidentSubscription)s), minInterval, time)
    {
    }

    /// <summary>The board when the subscription was made.</summary>
    public IncidentBoard Board => Initial;
}
