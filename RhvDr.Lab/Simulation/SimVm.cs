namespace RhvDr.Lab.Simulation;

public sealed class SimVm
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string ClusterId { get; set; }
    public string Status { get; set; } = "down";
    public string? HostId { get; set; }
    public long MemoryBytes { get; set; }
    public int Cpus { get; set; }
    public bool HighlyAvailable { get; set; }
    public int HaPriority { get; set; } = 1;
    public string? LeaseStorageDomainId { get; set; }
    public bool DeleteProtected { get; set; }
    public string TemplateId { get; set; } = SimTemplate.BlankId;
    public string OriginalTemplateId { get; set; } = SimTemplate.BlankId;
    public string OsType { get; set; } = "rhel_8x64";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public List<SimDisk> Disks { get; set; } = [];
    public List<SimNic> Nics { get; set; } = [];
    public List<string> AffinityGroupNames { get; set; } = [];
    public List<string> AffinityLabelNames { get; set; } = [];

    /// <summary>The engine's placement_policy affinity: <c>migratable</c>, <c>user_migratable</c> or <c>pinned</c> (never migrated; blocks its host's maintenance).</summary>
    public string PlacementAffinity { get; set; } = "migratable";

    /// <summary>While migrating: the destination host, whose memory the scheduler holds for the VM until the migration ends.</summary>
    public string? MigratingToHostId { get; set; }

    /// <summary>Whether the VM should be up: what HA restarts and site recovery restore.</summary>
    public bool WantsUp { get; set; }

    /// <summary>The definition as written to an OVF store: a deep copy, detached from live state.</summary>
    public SimVm CloneDefinition() => new()
    {
        Id = Id,
        Name = Name,
        Description = Description,
        ClusterId = ClusterId,
        Status = "down",
        MemoryBytes = MemoryBytes,
        Cpus = Cpus,
        HighlyAvailable = HighlyAvailable,
        HaPriority = HaPriority,
        LeaseStorageDomainId = LeaseStorageDomainId,
        PlacementAffinity = PlacementAffinity,
        DeleteProtected = DeleteProtected,
        TemplateId = TemplateId,
        OriginalTemplateId = OriginalTemplateId,
        OsType = OsType,
        CreatedAt = CreatedAt,
        Disks = [.. Disks],
        Nics = [.. Nics],
        AffinityGroupNames = [.. AffinityGroupNames],
        AffinityLabelNames = [.. AffinityLabelNames],
    };

    public IEnumerable<string> StorageDomainIds =>
        Disks.Where(d => d.StorageDomainId is not null).Select(d => d.StorageDomainId!).Distinct(StringComparer.Ordinal);
}
