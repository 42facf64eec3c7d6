using RhvDr.Lab.Control;

namespace RhvDr.Lab.Simulation;

/// <summary>
/// Active/Active: losing a site of the stretch cluster. The engine stands at a third location and keeps answering; it sees
/// the site's hosts go non_responsive, fences them when their fencing devices still answer, and otherwise waits, as a real
/// engine does. HA VMs with a lease restart at the surviving site once the lease expires, highest priority first; HA VMs
/// without one wait for fencing (or "confirm host has been rebooted"); other VMs stay down.
/// </summary>
public sealed partial class LabSimulation
{
    /// <summary>How long sanlock takes to release a lost host's VM leases, in simulated seconds.</summary>
    public const double LeaseExpirySeconds = 80;

    /// <summary>The stretch engine when <paramref name="site"/> names one of its host sites; null otherwise.</summary>
    internal SimEngine? FindStretchEngine(string site) =>
        FindEngine(site) is null
            ? Engines.FirstOrDefault(e => e.IsStretch && e.Hosts.Values.Any(h => string.Equals(h.SiteLabel, site, StringComparison.OrdinalIgnoreCase)))
            : null;

    private List<LabSiteStatus> StretchSiteStatuses()
    {
        var result = new List<LabSiteStatus>();
        foreach (var engine in Engines.Where(e => e.IsStretch))
        {
            using var held = Lock(engine, LockScope.Engine);
            foreach (var site in engine.Hosts.Values.Select(h => h.SiteLabel).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
            {
                var hosts = engine.Hosts.Values.Where(h => h.SiteLabel == site).ToList();
                var hostIds = hosts.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
                result.Add(new LabSiteStatus(
                    site,
                    engine.DataCenterName,
                    !engine.Down && !engine.DownSites.Contains(site),
                    engine.EngineUrl ?? "",
                    hosts.Count,
                    hosts.Count(h => h.Status != "up"),
                    engine.StorageDomains.Count,
                    engine.Vms.Values.Count(v => v.HostId is not null && hostIds.Contains(v.HostId) && v.Status != "down")));
            }
        }

        return result;
    }

    private void SetStretchSiteDown(SimEngine engine, string site, bool down, bool fencingLost)
    {
        if (engine.DownSites.Contains(site) == down)
        {
            return;
        }

        var hosts = engine.Hosts.Values.Where(h => string.Equals(h.SiteLabel, site, StringComparison.OrdinalIgnoreCase)).ToList();
        var hostIds = hosts.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        if (down)
        {
            engine.DownSites.Add(site);
            foreach (var host in hosts)
            {
                host.Unreachable = true;
                host.FencingLost = fencingLost;
                host.Status = "non_responsive";
                AddEvent(engine, EventCodes.VdsFailure, $"Host {host.Name} is non responsive.", hostId: host.Id);
            }

            foreach (var vm in engine.Vms.Values.Where(v => v.HostId is not null && hostIds.Contains(v.HostId) && v.Status != "down"))
            {
                vm.Status = "unknown";
                AddEvent(engine, EventCodes.VmNotResponding, $"VM {vm.Name} is not responding.", hostId: vm.HostId, vmId: vm.Id);
            }

            After(engine, AutoFenceSeconds, () => FenceLostSite(engine, hosts));
            After(engine, LeaseExpirySeconds, () => RestartLeasedVms(engine, hostIds));
        }
        else
        {
            engine.DownSites.Remove(site);
            var restart = new List<SimVm>();
            foreach (var host in hosts)
            {
                host.Unreachable = false;
                host.Fenced = false;
                host.FencingLost = false;
                host.Status = "up";
                AddEvent(engine, EventCodes.VdsDetected, $"Status of host {host.Name} was set to Up.", hostId: host.Id);
            }

            // The power went out under the VMs still shown there: they are down; HA ones the engine had not restarted yet come back now.
            foreach (var vm in engine.Vms.Values.Where(v => v.HostId is not null && hostIds.Contains(v.HostId) && v.Status == "unknown").ToList())
            {
                SetVmDown(engine, vm, "Lost connection with qemu process", error: true);
                if (vm.HighlyAvailable && vm.WantsUp)
                {
                    restart.Add(vm);
                }
            }

            RestartHaVms(engine, restart);
        }

        Touch();
    }

    /// <summary>The engine fences the lost hosts it can reach through power management and restarts their HA VMs by priority.</summary>
    private void FenceLostSite(SimEngine engine, List<SimHost> hosts)
    {
        var restart = new List<SimVm>();
        foreach (var host in hosts.Where(h => h.Unreachable && !h.Fenced))
        {
            if (host.PowerManagementEnabled && !host.FencingLost)
            {
                FenceHost(engine, host, EventCodes.SystemVdsRestart, $"Host {host.Name} was restarted by the engine.", restart);
            }
            else if (host.PowerManagementEnabled)
            {
                // Its fence agent went with the site: VMs that ran on it stay unknown until it is fenced or confirmed rebooted.
                AddEvent(engine, EventCodes.VdsAlertFenceOperationFailed,
                    $"Failed to power fence host {host.Name}. Please check the host status and it's power management settings, and then manually reboot it and click \"Confirm Host Has Been Rebooted\"",
                    hostId: host.Id);
            }
        }

        RestartHaVms(engine, restart);
    }

    /// <summary>Once sanlock has released the leases of VMs on lost hosts, the engine restarts those HA VMs elsewhere.</summary>
    private void RestartLeasedVms(SimEngine engine, HashSet<string> lostHostIds)
    {
        var restart = new List<SimVm>();
        foreach (var vm in engine.Vms.Values.Where(v => v.HostId is not null && lostHostIds.Contains(v.HostId)).ToList())
        {
            var host = engine.Hosts.GetValueOrDefault(vm.HostId!);
            if (vm.Status != "unknown" || host is null || !host.Unreachable || !vm.HighlyAvailable || vm.LeaseStorageDomainId is null || !vm.WantsUp)
            {
                continue;
            }

            SetVmDown(engine, vm, "Its lease expired on a non responsive host", error: true);
            AddEvent(engine, EventCodes.HaVmFailed, $"Highly Available VM {vm.Name} failed. It will be restarted automatically.", vmId: vm.Id);
            restart.Add(vm);
        }

        RestartHaVms(engine, restart);
    }
}
