namespace RhvDr.Core.Ovirt;

/// <summary>One side (VMs or hosts) of an affinity group's rule.</summary>
public sealed record OvirtAffinityRule
{
    public bool? Enabled { get; init; }

    public bool? Positive { get; init; }

    public bool? Enforcing { get; init; }
}
