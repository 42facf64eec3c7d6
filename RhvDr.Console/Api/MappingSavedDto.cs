using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary>What <c>PUT /api/mapping</c> and rollback answer: the new version, whether it is only a draft, and every finding.</summary>
public sealed record MappingSavedDto(int Version, bool IsDraft, string Summary, IReadOnlyList<MappingFinding> Findings)
{
    public static MappingSavedDto From(MappingSaveResult result) =>
        new(result.Stored!.Info.Version, result.Stored.Info.IsDraft, result.Stored.Info.Summary, result.Findings);
}
