namespace RhvDr.Core.Mapping;

/// <summary>
/// Something found in a mapping: what (<paramref name="Code"/>, stable for automation), where
/// (<paramref name="Key"/> such as <c>dr_import_storages[2].dr_secondary_name</c>, and the file position when known),
/// and what to do about it (<paramref name="Fix"/>).
/// </summary>
public sealed record MappingFinding(
    MappingSeverity Severity,
    string Code,
    string Key,
    int? Line,
    int? Column,
    string Message,
    string Fix)
{
    public bool IsError => Severity == MappingSeverity.Error;

    public override string ToString() =>
        Line is null ? $"{Severity} {Code} {Key}: {Message}" : $"{Severity} {Code} {Key} (line {Line}, column {Column}): {Message}";
}
