namespace RhvDr.Core.Ovirt;

/// <summary>An affinity label and the hosts and VMs carrying it (site labels in Active/Active).</summary>
public sealed record OvirtAffinityLabel
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public OvirtCollection<OvirtRef>? Hosts { get; init; }

    public OvirtCollection<OvirtRef>? Vms { get; init; }
}
