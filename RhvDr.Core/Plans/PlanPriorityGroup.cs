using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>The steps around one priority group (1–5): before its first VM starts and after all of its VMs are verified.</summary>
public sealed record PlanPriorityGroup
{
    public int Priority { get; init; }

    public ValueList<PlanStep> PreSteps { get; init; } = ValueList<PlanStep>.Empty;

    public ValueList<PlanStep> PostSteps { get; init; } = ValueList<PlanStep>.Empty;
}
