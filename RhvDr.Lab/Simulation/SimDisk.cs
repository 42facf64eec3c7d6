namespace RhvDr.Lab.Simulation;

/// <summary>A VM or template disk: an image on a storage domain, or a direct LUN (<see cref="LunId"/> set, no domain).</summary>
public sealed record SimDisk(string Id, string Name, long ProvisionedBytes, string? StorageDomainId, string? LunId, bool Bootable)
{
    /// <summary>Further domains holding a copy of the image (a template's disk is copied to the domains of the VMs based on it).</summary>
    public IReadOnlyList<string> CopyStorageDomainIds { get; init; } = [];

    /// <summary>Every domain holding the image: <see cref="StorageDomainId"/> first, then the copies.</summary>
    public IEnumerable<string> StorageDomainIds => StorageDomainId is null ? [] : CopyStorageDomainIds.Prepend(StorageDomainId);
}
