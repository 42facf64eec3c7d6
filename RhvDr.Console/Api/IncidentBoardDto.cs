using RhvDr.Core.Incidents;

namespace RhvDr.Console.Api;

/// <summary>
/// The incident board as the API and the hub send it: counts are spelled out for scripts and wall screens;
/// <see cref="StillDown"/> lists the VMs each open "still down" incident waits for.
/// </summary>
public sealed record IncidentBoardDto(
    IReadOnlyList<Incident> Incidents,
    HaRestartDto HaRestart,
    IReadOnlyList<SuggestedActionDto> Suggestions,
    IReadOnlyList<StillDownList> StillDown)
{
    public static IncidentBoardDto From(IncidentBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var ha = board.HaRestart;
        return new IncidentBoardDto(
            board.Incidents,
            new HaRestartDto(ha.Active, ha.LostSites, ha.Since, ha.Restarted, ha.Pending, ha.Failed, ha.ManualAction, ha.AwaitingFailover, ha.Vms),
            board.Suggestions.Select(SuggestedActionDto.From).ToList(),
            board.StillDown);
    }
}
