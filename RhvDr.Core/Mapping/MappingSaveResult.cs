namespace RhvDr.Core.Mapping;

/// <summary>
/// What saving (or importing and saving) answered: the stored version, or null when nothing was saved because the text could
/// not be read as a mapping at all; and every finding, import and validation together.
/// </summary>
public sealed record MappingSaveResult(StoredMapping? Stored, IReadOnlyList<MappingFinding> Findings)
{
    public bool Saved => Stored is not null;
}
