namespace RhvDr.Lab.Simulation;

public sealed class SimTemplate
{
    public const string BlankId = "00000000-0000-0000-0000-000000000000";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? ClusterId { get; set; }
    public long MemoryBytes { get; init; } = 1L << 30;
    public int Cpus { get; init; } = 1;
    public string OsType { get; init; } = "other";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Domain holding the template's disk; null for Blank.</summary>
    public string? StorageDomainId { get; init; }

    /// <summary>
    /// Domains besides <see cref="StorageDomainId"/> holding a copy of the template's disk: the engine creates a VM based on a
    /// template (its disks thin on the template's image) only on a domain that holds a copy.
    /// </summary>
    public List<string> CopyStorageDomainIds { get; init; } = [];

    /// <summary>
    /// The template's disk on <see cref="StorageDomainId"/> and its copies (none for Blank): its id follows from the template's,
    /// so the disk is the same on every read and in the replica.
    /// </summary>
    public IReadOnlyList<SimDisk> Disks => StorageDomainId is null
        ? []
        : [new SimDisk(DeterministicIds.Derive(Id, "disk"), $"{Name}_Disk1", DiskBytes, StorageDomainId, null, true) { CopyStorageDomainIds = [.. CopyStorageDomainIds] }];

    private const long DiskBytes = 10L << 30;

    public SimTemplate CloneDefinition() => new()
    {
        Id = Id, Name = Name, ClusterId = ClusterId, MemoryBytes = MemoryBytes, Cpus = Cpus, OsType = OsType,
        CreatedAt = CreatedAt, StorageDomainId = StorageDomainId, CopyStorageDomainIds = [.. CopyStorageDomainIds],
    };
}
