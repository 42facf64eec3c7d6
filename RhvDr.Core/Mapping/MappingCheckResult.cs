namespace RhvDr.Core.Mapping;

/// <summary>A mapping checked against both live sites: findings (engine checks included) and the inventories that were read.</summary>
public sealed record MappingCheckResult(IReadOnlyList<MappingFinding> Findings, MappingInventory Primary, MappingInventory Secondary, IReadOnlyList<EngineCheck> EngineChecks)
{
    public bool HasErrors => Findings.Any(f => f.IsError);

    public bool EnginesReachable => EngineChecks.All(c => c.Reachable);
}
