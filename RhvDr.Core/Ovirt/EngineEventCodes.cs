namespace RhvDr.Core.Ovirt;

/// <summary>
/// The engine audit log types the console reads, as the engine's <c>AuditLogType</c> numbers and names them. The console
/// compares event codes only against these entries.
/// </summary>
public static class EngineEventCodes
{
    /// <summary>The engine restarted a non-responsive host through its power management.</summary>
    public static readonly EngineEventCode SystemVdsRestart = new(121, "SYSTEM_VDS_RESTART");

    /// <summary>A user confirmed "Host has been rebooted" (manual fence).</summary>
    public static readonly EngineEventCode VdsManualFenceStatus = new(494, "VDS_MANUAL_FENCE_STATUS");

    /// <summary>A user restarted a host through its power management.</summary>
    public static readonly EngineEventCode UserVdsRestart = new(41, "USER_VDS_RESTART");

    /// <summary>A user stopped a host through its power management.</summary>
    public static readonly EngineEventCode UserVdsStop = new(21, "USER_VDS_STOP");

    /// <summary>The SPM role moved to a host.</summary>
    public static readonly EngineEventCode IrsHostedOnVds = new(204, "IRS_HOSTED_ON_VDS");

    /// <summary>The engine restarts a VM itself ("Trying to restart VM X on Host Y"), as it does for HA VMs.</summary>
    public static readonly EngineEventCode VdsInitiatedRunVm = new(506, "VDS_INITIATED_RUN_VM");

    /// <summary>The engine gave up restarting an HA VM.</summary>
    public static readonly EngineEventCode HaVmRestartFailed = new(9603, "HA_VM_RESTART_FAILED");

    /// <summary>A user asked for a domain's OVF store update. The engine logs nothing for its own scheduled updates.</summary>
    public static readonly EngineEventCode UserUpdateOvfStore = new(199, "USER_UPDATE_OVF_STORE");

    /// <summary>Every entry above.</summary>
    public static IReadOnlyList<EngineEventCode> All { get; } =
        [SystemVdsRestart, VdsManualFenceStatus, UserVdsRestart, UserVdsStop, IrsHostedOnVds, VdsInitiatedRunVm, HaVmRestartFailed, UserUpdateOvfStore];
}
