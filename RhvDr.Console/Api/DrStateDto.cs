using RhvDr.Console.Model;
using RhvDr.Core.State;

namespace RhvDr.Console.Api;

/// <summary>The DR state as <c>GET /api/state</c> and the hub's <c>StateChanged</c> send it.</summary>
/// <param name="Kind">normal, degraded, siteLost, failoverRunning, testActive, runningAtRecovery, failbackRunning.</param>
/// <param name="RunId">The run the state is about; with several runs under way, the newest of <paramref name="ActiveRuns"/>.</param>
/// <param name="Plans">The recovery plans failed over on their own and where they run; empty when the estate is in one place.</param>
/// <param name="ActiveRuns">Every run under way, newest first (plans with disjoint domains run at once); empty when none is.</param>
public sealed record DrStateDto(
    DrStateKind Kind, string Headline, string Detail, DrNextActionDto? Next, string? ProductionSite, string? RunId, IReadOnlyList<DrPlanPlacement> Plans, IReadOnlyList<DrActiveRun> ActiveRuns)
{
    public static DrStateDto From(DrState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new DrStateDto(
            state.Kind,
            state.Headline,
            state.Detail,
            state.Next is { } next ? new DrNextActionDto(next.Label, DrStatePresentation.LinkFor(next), next.NeedsOperator, next.Run is { } run ? new DrRunDto(run.Kind, run.Mode, run.Source) : null) : null,
            state.ProductionSite,
            state.RunId,
            state.Plans ?? [],
            state.ActiveRuns ?? []);
    }
}
