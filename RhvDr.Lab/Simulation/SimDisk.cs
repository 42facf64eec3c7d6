namespace RhvDr.Lab.Simulation;

/// <summary>A VM disk: an image on a storage domain, or a direct LUN (<see cref="LunId"/> set, no domain).</summary>
public sealed record SimDisk(string Id, string Name, long ProvisionedBytes, string? StorageDomainId, string? LunId, bool Bootable);
