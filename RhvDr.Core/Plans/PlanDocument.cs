using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// Everything <c>rhvdr-plans.yml</c> holds: the protection groups and the recovery plans that recover them. Saved and
/// versioned as one document, so a plan and the groups it names always change together.
/// </summary>
public sealed record PlanDocument
{
    public static PlanDocument Empty { get; } = new();

    public ValueList<ProtectionGroup> ProtectionGroups { get; init; } = ValueList<ProtectionGroup>.Empty;

    public ValueList<RecoveryPlanDefinition> Plans { get; init; } = ValueList<RecoveryPlanDefinition>.Empty;

    public RecoveryPlanDefinition? FindPlan(string name) =>
        Plans.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public ProtectionGroup? FindGroup(string name) =>
        ProtectionGroups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
}
