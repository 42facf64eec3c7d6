using RhvDr.Core.Mapping;

namespace RhvDr.Console.Model;

/// <summary>One row of an editor tab: the primary object, its recovery counterpart, and the findings on that item.</summary>
public sealed record MappingEditorRow(int Index, string Key, string? Primary, string? Secondary, IReadOnlyList<MappingFinding> Findings)
{
    public bool HasError => Findings.Any(f => f.IsError);
}
