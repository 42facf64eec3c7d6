namespace RhvDr.Core.Sites;

/// <summary>The stretch cluster at one moment (Active/Active): both sites, affinity drift, SPM placement and storage sync.</summary>
/// <param name="SpmHost">The host holding the SPM role; null when none does.</param>
/// <param name="SpmSite">The site it stands at.</param>
/// <param name="SpmHostStatus">Its status: not <c>up</c> means storage operations wait.</param>
/// <param name="HaVmsWithoutLease">Running HA VMs without a lease, cluster-wide: they wait for fencing after a site loss.</param>
public sealed record StretchClusterView(
    IReadOnlyList<StretchSiteView> Sites,
    IReadOnlyList<StretchDriftedVm> Drifted,
    string? SpmHost,
    string? SpmSite,
    string? SpmHostStatus,
    int HaVmsWithoutLease,
    IReadOnlyList<ReplicationPairStatus> Storage)
{
    public static StretchClusterView Empty { get; } = new([], [], null, null, null, 0, []);

    /// <summary>True when every pair replicates synchronously with no lag.</summary>
    public bool StorageInSync => Storage.Count > 0 && Storage.All(p => p.Mode == "sync" && p.State == "replicating" && p.LagSeconds <= 0);
}
