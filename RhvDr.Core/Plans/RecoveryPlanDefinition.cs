using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// A recovery plan as the operator defines it: which protection groups it recovers, in which order its VMs start, what runs
/// before and after, how addresses change at the recovery site, and when it is drilled. A run resolves it against the estate
/// of the day; this is only the definition.
/// </summary>
public sealed record RecoveryPlanDefinition
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>Protection group names; <see cref="ProtectionGroup.All"/> is the whole estate.</summary>
    public ValueList<string> ProtectionGroups { get; init; } = ValueList<string>.Empty;

    /// <summary>Steps before the first priority group starts.</summary>
    public ValueList<PlanStep> PreSteps { get; init; } = ValueList<PlanStep>.Empty;

    /// <summary>Steps after the last priority group is up and verified.</summary>
    public ValueList<PlanStep> PostSteps { get; init; } = ValueList<PlanStep>.Empty;

    /// <summary>Steps around one priority group; a priority without an entry has none.</summary>
    public ValueList<PlanPriorityGroup> PriorityGroups { get; init; } = ValueList<PlanPriorityGroup>.Empty;

    /// <summary>VMs with settings of their own; a VM of the plan's groups not listed here starts with <see cref="PlanVm.DefaultPriority"/>.</summary>
    public ValueList<PlanVm> Vms { get; init; } = ValueList<PlanVm>.Empty;

    public ValueList<ReIpRule> ReIp { get; init; } = ValueList<ReIpRule>.Empty;

    public DrillSchedule? Drill { get; init; }

    public PlanVm? FindVm(string name) => Vms.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));
}
