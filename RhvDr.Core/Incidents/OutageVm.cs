using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>
/// A VM that ran at a site when the site was lost, as the console keeps it in its database so that a restart neither forgets
/// an open "still down" incident's VMs nor what ran before an outage that is still going on.
/// </summary>
/// <param name="LostSite">Where it ran when that site was lost.</param>
/// <param name="LostHost">The host it ran on then.</param>
/// <param name="Site">Where it is registered now (last seen); empty for an outage still going on.</param>
/// <param name="Status">Its engine status when last seen, e.g. <c>down</c>; empty for an outage still going on.</param>
public sealed record OutageVm(
    string Id,
    string Name,
    string LostSite,
    string LostHost,
    bool HighlyAvailable,
    int HaPriority,
    bool HasLease,
    string Site = "",
    string Status = "")
{
    /// <summary>Running, or on its way up, when last seen.</summary>
    public bool WasRunning => EngineStatusWords.Parse<VmStatus>(Status) is var state
        && (InventoryVm.IsRunningStatus(state) || state is VmStatus.WaitForLaunch);

    public static OutageVm Of(HaRestartVm vm, string site = "", string status = "")
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new(vm.Id, vm.Name, vm.LostSite ?? "", vm.LostHost, vm.HighlyAvailable, vm.HaPriority, vm.HasLease, site, status);
    }

    /// <summary>The VM as the HA restart tracker and the incident monitor follow it.</summary>
    public HaRestartVm ToHaRestartVm() =>
        new(Id, Name, HighlyAvailable, HaPriority, HasLease, LostHost, HaRestartState.Pending, Status, null, Site.Length == 0 ? null : Site, "", LostSite);
}
