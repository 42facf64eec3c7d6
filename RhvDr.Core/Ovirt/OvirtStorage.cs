namespace RhvDr.Core.Ovirt;

/// <summary>Where a storage domain lives: type (nfs, iscsi, fcp, ...) and, for file domains, address and path.</summary>
public sealed record OvirtStorage
{
    public string? Type { get; init; }

    public string? Address { get; init; }

    public string? Path { get; init; }

    public int? Port { get; init; }

    /// <summary>Block domains: the volume group and its LUNs.</summary>
    public OvirtVolumeGroup? VolumeGroup { get; init; }

    /// <summary>Direct LUN disks (<c>lun_storage</c>): the LUNs.</summary>
    public OvirtCollection<OvirtLogicalUnit>? LogicalUnits { get; init; }
}
