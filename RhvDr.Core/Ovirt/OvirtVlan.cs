namespace RhvDr.Core.Ovirt;

/// <summary>A network's VLAN tag.</summary>
public sealed record OvirtVlan
{
    public int? Id { get; init; }
}
