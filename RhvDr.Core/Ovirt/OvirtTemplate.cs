namespace RhvDr.Core.Ovirt;

/// <summary>A VM template.</summary>
public sealed record OvirtTemplate
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    public OvirtRef? Cluster { get; init; }

    /// <summary>Present with <c>follow=disk_attachments.disk</c>: the template's disks and the storage domains holding a copy of each.</summary>
    public OvirtCollection<OvirtDiskAttachment>? DiskAttachments { get; init; }
}
