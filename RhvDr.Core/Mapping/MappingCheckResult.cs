namespace RhvDr.Core.Mapping;

/// <summary>
/// A mapping checked against both sites: findings (engine checks included) and the inventories checked against (for a
/// disaster run's lost site that does not answer, the last one read from it).
/// </summary>
public sealed record MappingCheckResult(IReadOnlyList<MappingFinding> Findings, MappingInventory Primary, MappingInventory Secondary, IReadOnlyList<EngineCheck> EngineChecks)
{
    public bool HasErrors => Findings.Any(f => f.IsError);

    public bool EnginesReachable => EngineChecks.All(c => c.Reachable);

    /// <summary>The engine check of the side a disaster run declares lost when its engine does not answer; null otherwise.</summary>
    public EngineCheck? LostSide => EngineChecks.FirstOrDefault(c => c.Lost);
}
