namespace RhvDr.Core.Plans;

/// <summary>Who saved which version of the plans, when, why, what changed, and whether it is only a draft.</summary>
public sealed record PlanVersionInfo(int Version, DateTimeOffset SavedAt, string SavedBy, string? Comment, bool IsDraft, int Errors, int Warnings, string Summary);
