using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>GET /api/plans</c>: the newest version of the plans document with its findings, and the version in force
/// (<see cref="ActiveVersion"/>: the newest without errors; null when every version is a draft).
/// </summary>
public sealed record PlansDocumentDto(
    int Version,
    int? ActiveVersion,
    DateTimeOffset SavedAt,
    string SavedBy,
    string? Comment,
    bool IsDraft,
    string Summary,
    PlanDocument Document,
    IReadOnlyList<MappingFinding> Findings)
{
    public static PlansDocumentDto From(StoredPlans stored, StoredPlans? active) => new(
        stored.Info.Version, active?.Info.Version, stored.Info.SavedAt, stored.Info.SavedBy, stored.Info.Comment, stored.Info.IsDraft, stored.Info.Summary,
        stored.Document, stored.Findings);
}
