namespace RhvDr.Core.Recovery;

/// <summary>An active run that keeps a run from starting or continuing beside it, and why.</summary>
/// <param name="Active">The active run in the way.</param>
/// <param name="Kind">Why.</param>
/// <param name="Domains">
/// For <see cref="RunOverlapKind.SharedDomains"/>: the primary-side names of the domains both recover, in order; empty when one
/// of the two plans recovers every mapped domain or its domains are not known.
/// </param>
public sealed record RunOverlap(RecoveryRun Active, RunOverlapKind Kind, IReadOnlyList<string> Domains);
