using RhvDr.Core.Incidents;

namespace RhvDr.Core.State;

/// <summary>
/// What to do next: a run to start (<see cref="Run"/>, for Operators: the wizard opens with it filled in) or a page to open
/// (<see cref="Page"/>, a console path such as <c>/incidents</c>).
/// </summary>
public sealed record DrNextAction(string Label, SuggestedRun? Run = null, string? Page = null)
{
    /// <summary>Starting a run needs the Operator role; opening a page does not.</summary>
    public bool NeedsOperator => Run is not null;
}
