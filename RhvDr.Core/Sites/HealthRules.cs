namespace RhvDr.Core.Sites;

/// <summary>Maps engine and array status values to a health level, the same way on every page and in the API.</summary>
public static class HealthRules
{
    /// <summary>A storage domain fuller than this is a warning.</summary>
    public const double StorageWarningFraction = 0.80;

    /// <summary>A storage domain fuller than this is critical.</summary>
    public const double StorageCriticalFraction = 0.95;

    public static HealthLevel ForHost(string status) => status switch
    {
        "up" => HealthLevel.Ok,
        "maintenance" or "preparing_for_maintenance" or "connecting" or "initializing" or "installing"
            or "reboot" or "pending_approval" => HealthLevel.Warning,
        "down" or "non_responsive" or "non_operational" or "error" or "install_failed" or "kdumping" => HealthLevel.Critical,
        _ => HealthLevel.Unknown,
    };

    public static HealthLevel ForVm(string status) => status switch
    {
        "up" or "down" => HealthLevel.Ok,
        "powering_up" or "powering_down" or "migrating" or "wait_for_launch" or "reboot_in_progress"
            or "saving_state" or "restoring_state" or "suspended" or "image_locked" => HealthLevel.Warning,
        "paused" or "not_responding" or "unknown" => HealthLevel.Critical,
        _ => HealthLevel.Unknown,
    };

    public static HealthLevel ForStorageDomain(string status, string? externalStatus, double usedFraction)
    {
        var byStatus = status switch
        {
            "active" or "unattached" => HealthLevel.Ok,
            "maintenance" or "activating" or "detaching" or "locked" or "preparing_for_maintenance" => HealthLevel.Warning,
            "inactive" or "unknown" => HealthLevel.Critical,
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
