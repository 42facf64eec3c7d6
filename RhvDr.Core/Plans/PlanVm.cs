using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// One VM's place in a plan: its priority group (group N starts only when every VM of group N−1 is up and verified), the VMs
/// of its own group it waits for, a delay before its start, whether the plan leaves it off, and how it is verified.
/// </summary>
public sealed record PlanVm
{
    public const int LowestPriority = 1;
    public const int HighestPriority = 5;

    /// <summary>The priority of a VM the plan does not list.</summary>
    public const int DefaultPriority = 3;

    public string Name { get; init; } = "";

    public int Priority { get; init; } = DefaultPriority;

    /// <summary>VMs of the same (or an earlier) priority group that must be verified before this one starts.</summary>
    public ValueList<string> After { get; init; } = ValueList<string>.Empty;

    /// <summary>Seconds to wait, once it may start, before starting it.</summary>
    public int StartDelaySeconds { get; init; }

    /// <summary>The plan registers the VM but does not start it.</summary>
    public bool Skip { get; init; }

    public VmProbe? Probe { get; init; }
}
