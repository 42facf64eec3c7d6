namespace RhvDr.Core.Audit;

/// <summary>The result of re-computing the chain: intact, or the first broken link and what is wrong with it.</summary>
/// <param name="Checked">How many entries were checked.</param>
/// <param name="FirstBrokenSequence">The first entry whose link is broken; null when the chain is intact.</param>
/// <param name="Problem">In words: edited, deleted (a gap), or the newest entries removed.</param>
public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenSequence, string? Problem);
