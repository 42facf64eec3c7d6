using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Sites;

/// <summary>Maps engine and array status values to a health level, the same way on every page and in the API.</summary>
public static class HealthRules
{
    /// <summary>A storage domain fuller than this is a warning.</summary>
    public const double StorageWarningFraction = 0.80;

    /// <summary>A storage domain fuller than this is critical.</summary>
    public const double StorageCriticalFraction = 0.95;

    public static HealthLevel ForHost(HostStatus status) => status switch
    {
        HostStatus.Up => HealthLevel.Ok,
        HostStatus.Maintenance or HostStatus.PreparingForMaintenance or HostStatus.Connecting or HostStatus.Initializing
            or HostStatus.Installing or HostStatus.Reboot or HostStatus.PendingApproval => HealthLevel.Warning,
        HostStatus.Down or HostStatus.NonResponsive or HostStatus.NonOperational or HostStatus.Error or HostStatus.InstallFailed
            or HostStatus.Kdumping => HealthLevel.Critical,
        _ => HealthLevel.Unknown,
    };

    public static HealthLevel ForVm(VmStatus status) => status switch
    {
        VmStatus.Up or VmStatus.Down => HealthLevel.Ok,
        VmStatus.PoweringUp or VmStatus.PoweringDown or VmStatus.Migrating or VmStatus.WaitForLaunch or VmStatus.RebootInProgress
            or VmStatus.SavingState or VmStatus.RestoringState or VmStatus.Suspended or VmStatus.ImageLocked => HealthLevel.Warning,
        VmStatus.Paused or VmStatus.NotResponding or VmStatus.Unknown => HealthLevel.Critical,
        _ => HealthLevel.Unknown,
    };

    public static HealthLevel ForStorageDomain(StorageDomainStatus status, string? externalStatus, double usedFraction)
    {
        var byStatus = status switch
        {
            StorageDomainStatus.Active or StorageDomainStatus.Unattached => HealthLevel.Ok,
            StorageDomainStatus.Maintenance or StorageDomainStatus.Activating or StorageDomainStatus.Detaching or StorageDomainStatus.Locked
                or StorageDomainStatus.PreparingForMaintenance => HealthLevel.Warning,
            StorageDomainStatus.Inactive or StorageDomainStatus.Unknown => HealthLevel.Critical,
            _ => HealthLevel.Unknown,
        };
        var byExternal = externalStatus switch
        {
            "warning" => HealthLevel.Warning,
            "error" or "failure" => HealthLevel.Critical,
            _ => HealthLevel.Ok,
        };
        var bySpace = usedFraction >= StorageCriticalFraction ? HealthLevel.Critical
            : usedFraction >= StorageWarningFraction ? HealthLevel.Warning
            : HealthLevel.Ok;
        return Worst(byStatus, Worst(byExternal, bySpace));
    }

    /// <summary>Replication is a warning at twice its interval behind and critical at three times (sync: any lag over 5 s).</summary>
    public static HealthLevel ForReplication(string state, int intervalSeconds, double lagSeconds)
    {
        if (state is "broken")
        {
            return HealthLevel.Critical;
        }
        if (state is "split" or "promoted" or "resyncing")
        {
            return HealthLevel.Warning;
        }
        var interval = Math.Max(intervalSeconds, 5);
        return lagSeconds >= 3 * interval ? HealthLevel.Critical
            : lagSeconds >= 2 * interval ? HealthLevel.Warning
            : HealthLevel.Ok;
    }

    public static HealthLevel Worst(HealthLevel a, HealthLevel b) => (HealthLevel)Math.Max((int)a, (int)b);
}
