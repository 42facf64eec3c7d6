namespace RhvDr.Core.Mapping;

/// <summary>
/// The outcome of an import. <see cref="Mapping"/> is null only when the file cannot be read as a YAML mapping at all;
/// otherwise it holds everything that could be read, and <see cref="Findings"/> says what was wrong.
/// </summary>
public sealed record MappingImportResult(DrMapping? Mapping, IReadOnlyList<MappingFinding> Findings, MappingSourceMap Source)
{
    public bool HasErrors => Findings.Any(f => f.IsError);
}
