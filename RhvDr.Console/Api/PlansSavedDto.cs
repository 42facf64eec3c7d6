using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Console.Api;

/// <summary>What <c>PUT /api/plans</c> answers: the new version, whether it is only a draft, and every finding.</summary>
public sealed record PlansSavedDto(int Version, bool IsDraft, string Summary, IReadOnlyList<MappingFinding> Findings)
{
    public static PlansSavedDto From(PlanSaveResult result) =>
        new(result.Stored!.Info.Version, result.Stored.Info.IsDraft, result.Stored.Info.Summary, result.Findings);
}
