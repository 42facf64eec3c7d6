namespace RhvDr.Core.Sites;

/// <summary>One site of a stretch cluster: what runs there, what prefers it, and whether it could take the other site's HA VMs.</summary>
/// <param name="VmsRunning">VMs running on this site's hosts.</param>
/// <param name="VmsPreferring">VMs whose soft affinity names this site, wherever they run.</param>
/// <param name="VmsDriftedIn">VMs running here that prefer the other site.</param>
/// <param name="HaVmsRunning">Highly available VMs running here.</param>
/// <param name="HaVmsWithLease">Of those, the ones holding a VM lease (they restart even when their host cannot be fenced).</param>
/// <param name="FreeMemoryBytes">Memory of the up hosts here minus what the VMs running here use.</param>
/// <param name="OtherSiteHaMemoryBytes">Memory the other site's running HA VMs need if that site is lost.</param>
/// <param name="SpmPriorityMax">The highest SPM priority among this site's hosts.</param>
public sealed record StretchSiteView(
    string Site,
    string DisplayName,
    int HostsUp,
    int HostsTotal,
    int VmsRunning,
    int VmsPreferring,
    int VmsDriftedIn,
    int HaVmsRunning,
    int HaVmsWithLease,
    long FreeMemoryBytes,
    long OtherSiteHaMemoryBytes,
    int SpmPriorityMax)
{
    /// <summary>Whether this site has the memory to restart every HA VM of the other site.</summary>
    public bool CanAbsorbOtherSite => FreeMemoryBytes >= OtherSiteHaMemoryBytes;

    /// <summary>Share of running HA VMs with a lease, 0 to 1 (1 when none run).</summary>
    public double LeaseCoverage => HaVmsRunning == 0 ? 1 : (double)HaVmsWithLease / HaVmsRunning;
}
