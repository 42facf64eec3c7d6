namespace RhvDr.Core.Ovirt;

/// <summary>A VM-to-VM or VM-to-host affinity group in a cluster.</summary>
public sealed record OvirtAffinityGroup
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public OvirtRef? Cluster { get; init; }

    public bool? Positive { get; init; }

    public bool? Enforcing { get; init; }

    public OvirtAffinityRule? VmsRule { get; init; }

    public OvirtAffinityRule? HostsRule { get; init; }

    public OvirtCollection<OvirtRef>? Vms { get; init; }

    public OvirtCollection<OvirtRef>? Hosts { get; init; }
}
