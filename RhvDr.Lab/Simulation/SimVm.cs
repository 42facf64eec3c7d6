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

    /// <summary>The VM's own cloud-init initialization (its configuration, written to the OVF); null when it has none.</summary>
    public SimInitialization? Initialization { get; set; }

    /// <summary>
    /// The initialization a start with <c>use_cloud_init</c> applied inside the guest: the guest keeps that configuration on its
    /// disk, so it travels with the VM's disks and holds until another start applies a new one.
    /// </summary>
    public SimInitialization? AppliedInitialization { get; set; }

    /// <summary>Whether a guest agent runs in the VM and reports its devices.</summary>
    public bool HasGuestAgent { get; set; } = true;

    /// <summary>Simulated seconds from "up" until the guest agent first reports.</summary>
    public double GuestAgentDelaySeconds { get; set; } = 5;

    /// <summary>The guest agent reports now (the VM is up and its agent has started).</summary>
    public bool GuestAgentReporting { get; set; }

    /// <summary>The guest's interface name for the vNIC at <paramref name="index"/>: the guest numbers them in vNIC order.</summary>
    public static string GuestInterfaceName(int index) => $"eth{index}";

    /// <summary>
    /// What the guest has configured on each vNIC: the static address an applied initialization gave its interface, else the
    /// address it was installed with (with that initialization's netmask and gateway, or none).
    /// </summary>
    public IEnumerable<(string Name, SimNic Nic, string? Address, string? Netmask, string? Gateway)> GuestInterfaces() =>
        Nics.Select((nic, index) =>
        {
            var name = GuestInterfaceName(index);
            var applied = AppliedInitialization?.NicConfigurations.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal) && c.Address is not null)
                ?? Initialization?.NicConfigurations.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal) && c.Address is not null);
            return applied is null ? (name, nic, nic.Address, (string?)null, (string?)null) : (name, nic, applied.Address, applied.Netmask, applied.Gateway);
        });

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
        Initialization = Initialization,
        AppliedInitialization = AppliedInitialization,
        HasGuestAgent = HasGuestAgent,
        GuestAgentDelaySeconds = GuestAgentDelaySeconds,
    };

    public IEnumerable<string> StorageDomainIds =>
        Disks.Where(d => d.StorageDomainId is not null).Select(d => d.StorageDomainId!).Distinct(StringComparer.Ordinal);
}
