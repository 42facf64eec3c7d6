namespace RhvDr.Core.Plans;

/// <summary>A version of the plans document that added, changed or removed one plan (or a protection group it recovers).</summary>
/// <param name="Change"><c>added</c>, <c>changed</c> or <c>removed</c>.</param>
public sealed record PlanHistoryEntry(int Version, DateTimeOffset SavedAt, string SavedBy, string? Comment, bool IsDraft, string Change);
