using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// What saving answered: the stored version, or null when nothing was saved because the text could not be read as written;
/// and every finding, reading and validation together.
/// </summary>
public sealed record PlanSaveResult(StoredPlans? Stored, IReadOnlyList<MappingFinding> Findings)
{
    public bool Saved => Stored is not null;
}
