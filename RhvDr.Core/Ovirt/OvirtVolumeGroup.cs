namespace RhvDr.Core.Ovirt;

/// <summary>The LVM volume group of a block storage domain and the LUNs it spans.</summary>
public sealed record OvirtVolumeGroup
{
    public string? Id { get; init; }

    public OvirtCollection<OvirtLogicalUnit>? LogicalUnits { get; init; }
}
