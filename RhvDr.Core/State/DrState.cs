namespace RhvDr.Core.State;

/// <summary>
/// The one answer to "where do we stand?": computed by <see cref="DrStateRules"/> from the inventory, the incidents and the
/// runs, shown as the banner on every page and the wall, served at <c>/api/state</c> and pushed as <c>StateChanged</c>.
/// </summary>
/// <param name="Headline">A few words, e.g. "Site Prod lost".</param>
/// <param name="Detail">One sentence: why, and what the next action does.</param>
/// <param name="Next">The next action; null when there is nothing to do.</param>
/// <param name="ProductionSite">The site production runs at (the recovery site after a failover); null before the first poll.</param>
/// <param name="RunId">
/// The run the state is about (running, or the failover that moved production), if any; with several runs under way, the
/// newest of <paramref name="ActiveRuns"/>.
/// </param>
/// <param name="Plans">
/// The recovery plans a failover of their own moved away from home (the rest of the estate stays there); empty when the
/// estate is in one place. With plans away, <paramref name="ProductionSite"/> is the site they run at.
/// </param>
/// <param name="ActiveRuns">
/// Every run under way, newest first (runs of recovery plans with disjoint domains run at once); null when none is.
/// </param>
public sealed record DrState(
    DrStateKind Kind,
    string Headline,
    string Detail,
    DrNextAction? Next,
    string? ProductionSite,
    string? RunId = null,
    IReadOnlyList<DrPlanPlacement>? Plans = null,
    IReadOnlyList<DrActiveRun>? ActiveRuns = null)
{
    public static DrState Initial { get; } = new(DrStateKind.Normal, "Starting", "The console has not read both sites yet.", null, null);
}
