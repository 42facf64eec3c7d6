namespace RhvDr.Lab.Simulation;

/// <summary>A hypervisor host. <see cref="SiteLabel"/> says where it stands, so a stretch cluster (active-active) can mix sites.</summary>
public sealed class SimHost
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Address { get; init; }
    public required string ClusterId { get; set; }
    public required string SiteLabel { get; init; }
    public string Status { get; set; } = "up";
    public long MemoryBytes { get; set; }
    public int Sockets { get; init; }
    public int CoresPerSocket { get; init; }
    public int ThreadsPerCore { get; init; }
    public string CpuName { get; init; } = "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz";
    public bool PowerManagementEnabled { get; set; }
    public bool IsSpm { get; set; }

    /// <summary>The engine's SPM priority (-1 never, 10 highest); Active/Active sets it higher at the primary site.</summary>
    public int SpmPriority { get; set; } = 5;

    /// <summary>The host's fencing device went down with its site: power management cannot reach it, so the engine cannot fence it.</summary>
    public bool FencingLost { get; set; }

    /// <summary>Set by the lab control: the host is unplugged until brought back; the engine cannot change that.</summary>
    public bool Unreachable { get; set; }

    /// <summary>The engine fenced it (power management or "confirm host has been rebooted"): its VMs are known down, its SPM role free.</summary>
    public bool Fenced { get; set; }

    /// <summary>The reason a user gave when asking for maintenance; null without one.</summary>
    public string? MaintenanceReason { get; set; }

    /// <summary>iSCSI portals the host has logged in to (address), which makes block replicas visible to it.</summary>
    public HashSet<string> IscsiSessions { get; } = new(StringComparer.OrdinalIgnoreCase);
}
