using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Console.Api;

/// <summary><c>GET /api/plans</c>: the newest version of the plans document with its findings.</summary>
public sealed record PlansDocumentDto(
    int Version, DateTimeOffset SavedAt, string SavedBy, string? Comment, bool IsDraft, string Summary, PlanDocument Document, IReadOnlyList<MappingFinding> Findings)
{
    public static PlansDocumentDto From(StoredPlans stored) => new(
        stored.Info.Version, stored.Info.SavedAt, stored.Info.SavedBy, stored.Info.Comment, stored.Info.IsDraft, stored.Info.Summary, stored.Document, stored.Findings);
}
