using RhvDr.Core.Security;

namespace RhvDr.Core.Recovery;

/// <summary>An operator's request to start a run. Disaster mode needs <see cref="ConfirmSite"/> equal to the source site's name.</summary>
/// <param name="RequestedBy">Who asks; needs the Operator role, and is not the one who may approve the run (four-eyes).</param>
/// <param name="Site">Evacuate: the site to evacuate (default: the primary). Return: the evacuated site to return to (default: the last evacuated one). Other kinds: when given, it must be the site the kind runs from.</param>
/// <param name="Target">When given, the site the run must go to; a request naming another site, or one that is not configured, is refused.</param>
/// <param name="Plan">The recovery plan to run (a plan of the active plans version); null or "all" for the whole estate.</param>
/// <param name="ApprovalWaivedBy">
/// The setting that lets this run start without a second operator even when four-eyes names its kind (a drill's test and
/// cleanup under <c>RhvDr:Drills:RunWithoutApproval</c>); the run records it as its approval. Null for every request an
/// operator makes.
/// </param>
public sealed record RunRequest(
    RunKind Kind,
    RunMode Mode,
    string? ConfirmSite,
    string? OverrideReason,
    Actor RequestedBy,
    string? Site = null,
    string? Target = null,
    string? Plan = null,
    string? ApprovalWaivedBy = null);
