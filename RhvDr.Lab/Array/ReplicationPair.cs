using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Array;

/// <summary>
/// A replicated volume pair of the lab's storage array, for one storage domain. The replica keeps the domain's id
/// (the LUN or export holds the same metadata), so importing it at the target site yields the same domain id.
/// Guarded by the array's lock in <see cref="LabSimulation"/>.
/// </summary>
public sealed class ReplicationPair
{
    public required string Id { get; init; }
    public required string DomainId { get; init; }
    public required string DomainName { get; init; }
    public required string StorageType { get; init; }
    public required string SourceSite { get; set; }
    public required string TargetSite { get; set; }

    /// <summary>sync or async.</summary>
    public required string Mode { get; init; }

    /// <summary>replicating, split, broken, promoted, resyncing.</summary>
    public string State { get; set; } = "replicating";
    public int IntervalSeconds { get; init; }

    /// <summary>Set by the lab control: the array stopped shipping changes while the pair still says replicating, so the lag grows.</summary>
    public bool Stalled { get; set; }
    public DateTimeOffset LastSync { get; set; }

    /// <summary>Where the volume is served at each site: NFS address and path, or iSCSI portal and target.</summary>
    public required Dictionary<string, ArrayEndpoint> Endpoints { get; init; }

    /// <summary>The source volume was made read-only (planned failover).</summary>
    public bool SourceDemoted { get; set; }

    /// <summary>A writeable snapshot of the replica exists at the target, for a test failover.</summary>
    public bool TestCopyActive { get; set; }

    public Dictionary<string, SimVm> ReplicaVms { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimTemplate> ReplicaTemplates { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset? ReplicaOvfUpdatedAt { get; set; }
    public Dictionary<string, SimVm> TestCopyVms { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimTemplate> TestCopyTemplates { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The OVF store left on the source volume when its domain was removed from the source engine (planned failover).</summary>
    public Dictionary<string, SimVm>? SourceVolumeVms { get; set; }
    public Dictionary<string, SimTemplate>? SourceVolumeTemplates { get; set; }
    public DateTimeOffset? SourceVolumeOvfAt { get; set; }
    public long SizeBytes { get; set; }
    public long UsedBytes { get; set; }
    public long CommittedBytes { get; set; }
}
