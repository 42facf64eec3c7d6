using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// The outcome of reading <c>rhvdr-plans.yml</c>. <see cref="Document"/> is null when the text is not a plans file at all, or
/// when any part of it could not be read as written (<see cref="HasErrors"/>): a plans file is saved whole or not at all.
/// </summary>
public sealed record PlanImportResult(PlanDocument? Document, IReadOnlyList<MappingFinding> Findings, MappingSourceMap Source)
{
    public bool HasErrors => Findings.Any(f => f.IsError);
}
