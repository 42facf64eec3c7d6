using RhvDr.Core.Mapping;

namespace RhvDr.Core.Readiness;

/// <summary>The active mapping and both sites' mapping inventories, or why they could not be read.</summary>
public sealed record MappingState(StoredMapping? Mapping, MappingInventory? Primary, MappingInventory? Recovery, string? Problem, string? Remediation)
{
    /// <summary>Set when the primary engine does not answer: <see cref="Primary"/> is then the last inventory read from it.</summary>
    public LastMappingInventory? PrimaryLastRead { get; init; }

    public bool IsAvailable => Mapping is not null && Primary is not null && Recovery is not null;
}
