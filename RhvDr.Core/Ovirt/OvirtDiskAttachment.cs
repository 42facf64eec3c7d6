namespace RhvDr.Core.Ovirt;

/// <summary>A disk attached to a VM; with <c>follow</c> the disk is inlined.</summary>
public sealed record OvirtDiskAttachment
{
    public string? Id { get; init; }

    public bool? Active { get; init; }

    public bool? Bootable { get; init; }

    public string? Interface { get; init; }

    public OvirtDisk? Disk { get; init; }

    public OvirtRef? Vm { get; init; }
}
