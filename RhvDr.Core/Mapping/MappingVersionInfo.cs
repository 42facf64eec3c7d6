namespace RhvDr.Core.Mapping;

/// <summary>Who saved which version of the mapping, when, why, and whether it is only a draft.</summary>
public sealed record MappingVersionInfo(int Version, DateTimeOffset SavedAt, string SavedBy, string? Comment, bool IsDraft, int Errors, int Warnings, string Summary);
