using RhvDr.Core.Mapping;

namespace RhvDr.Console.Api;

/// <summary><c>GET /api/mapping</c>: the newest version with its findings; secrets masked.</summary>
public sealed record MappingDocumentDto(
    int Version, DateTimeOffset SavedAt, string SavedBy, string? Comment, bool IsDraft, string Summary, DrMapping Mapping, IReadOnlyList<MappingFinding> Findings)
{
    public static MappingDocumentDto From(StoredMapping stored) => new(
        stored.Info.Version, stored.Info.SavedAt, stored.Info.SavedBy, stored.Info.Comment, stored.Info.IsDraft, stored.Info.Summary, stored.Mapping, stored.Findings);
}
