namespace RhvDr.Core.Audit;

/// <summary>A stored audit entry: its place in the chain, its time and the hashes that link it to the one before.</summary>
/// <param name="Sequence">1, 2, 3…: a gap means a deleted row.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of the entry before (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 (hex) over the previous hash and every field of this entry.</param>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string Source,
    string Action,
    string Target,
    string Outcome,
    string? Before,
    string? After,
    string? Detail,
    string PreviousHash,
    string Hash);
