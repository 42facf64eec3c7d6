using RhvDr.Console.Model;
using RhvDr.Core.State;

namespace RhvDr.Console.Api;

/// <summary>The DR state as <c>GET /api/state</c> and the hub's <c>StateChanged</c> send it.</summary>
/// <param name="Kind">normal, degraded, siteLost, failoverRunning, testActive, runningAtRecovery, failbackRunning.</param>
/// <param name="Plans">The recovery plans failed over on their own and where they run; empty when the estate is in one place.</param>
public sealed record DrStateDto(DrStateKind Kind, string Headline, string Detail, DrNextActionDto? Next, string? ProductionSite, string? RunId, IReadOnlyList<DrPlanPlacement> Plans)
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
            state.Plans ?? []);
    }
}
