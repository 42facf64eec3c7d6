namespace RhvDr.Core.Ovirt;

/// <summary>A disk and the storage domains holding it.</summary>
public sealed record OvirtDisk
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Alias { get; init; }

    public string? Status { get; init; }

    public string? StorageType { get; init; }

    public long? ProvisionedSize { get; init; }

    public long? ActualSize { get; init; }

    public OvirtCollection<OvirtRef>? StorageDomains { get; init; }

    /// <summary>Direct LUN disks (<c>storage_type</c> lun): the LUN.</summary>
    public OvirtStorage? LunStorage { get; init; }

    public OvirtRef? Vm { get; init; }

    public OvirtCollection<OvirtRef>? Vms { get; init; }
}
