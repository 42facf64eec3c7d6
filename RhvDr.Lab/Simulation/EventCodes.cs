namespace RhvDr.Lab.Simulation;

/// <summary>
/// The audit log types the lab logs: the engine's own <c>AuditLogType</c> numbers, names and severities, so code that follows
/// events keys on what it will see in production. The lab logs nothing the engine does not (an iSCSI login, a scheduled
/// OVF update), and nothing outside this table.
/// </summary>
public static class EventCodes
{
    /// <summary>The user the lab's audit messages name where the engine's name <c>${UserName}</c>.</summary>
    public const string UserName = "admin@internal-authz";

    // Engine
    public static readonly EngineEventCode VdcStart = new(1, "VDC_START", "normal");

    // Hosts
    public static readonly EngineEventCode VdsFailure = new(12, "VDS_FAILURE", "error");
    public static readonly EngineEventCode VdsDetected = new(13, "VDS_DETECTED", "normal");
    public static readonly EngineEventCode VdsActivate = new(16, "VDS_ACTIVATE", "normal");
    public static readonly EngineEventCode UserVdsMaintenance = new(600, "USER_VDS_MAINTENANCE", "normal");
    public static readonly EngineEventCode UserVdsMaintenanceWithoutReason = new(620, "USER_VDS_MAINTENANCE_WITHOUT_REASON", "normal");
    public static readonly EngineEventCode UserVdsMaintenanceMigrationFailed = new(602, "USER_VDS_MAINTENANCE_MIGRATION_FAILED", "warning");
    public static readonly EngineEventCode SystemVdsRestart = new(121, "SYSTEM_VDS_RESTART", "normal");
    public static readonly EngineEventCode VdsManualFenceStatus = new(494, "VDS_MANUAL_FENCE_STATUS", "normal");
    public static readonly EngineEventCode UserVdsRestart = new(41, "USER_VDS_RESTART", "normal");
    public static readonly EngineEventCode UserVdsStop = new(21, "USER_VDS_STOP", "normal");
    public static readonly EngineEventCode UserVdsStart = new(20, "USER_VDS_START", "normal");
    public static readonly EngineEventCode VdsAlertFenceOperationFailed = new(9002, "VDS_ALERT_FENCE_OPERATION_FAILED", "alert");
    public static readonly EngineEventCode IrsHostedOnVds = new(204, "IRS_HOSTED_ON_VDS", "normal");

    // VMs
    public static readonly EngineEventCode UserStartedVm = new(153, "USER_STARTED_VM", "normal");
    public static readonly EngineEventCode UserRunVm = new(32, "USER_RUN_VM", "normal");
    public static readonly EngineEventCode VdsInitiatedRunVm = new(506, "VDS_INITIATED_RUN_VM", "normal");
    public static readonly EngineEventCode HaVmFailed = new(9602, "HA_VM_FAILED", "error");
    public static readonly EngineEventCode HaVmRestartFailed = new(9603, "HA_VM_RESTART_FAILED", "error");
    public static readonly EngineEventCode UserStopVm = new(33, "USER_STOP_VM", "normal");
    public static readonly EngineEventCode UserInitiatedShutdownVm = new(73, "USER_INITIATED_SHUTDOWN_VM", "normal");
    public static readonly EngineEventCode VmDown = new(61, "VM_DOWN", "normal");
    public static readonly EngineEventCode VmDownError = new(119, "VM_DOWN_ERROR", "error");
    public static readonly EngineEventCode VmNotResponding = new(126, "VM_NOT_RESPONDING", "warning");
    public static readonly EngineEventCode VmMigrationStart = new(62, "VM_MIGRATION_START", "normal");
    public static readonly EngineEventCode VmMigrationStartSystemInitiated = new(67, "VM_MIGRATION_START_SYSTEM_INITIATED", "normal");
    public static readonly EngineEventCode VmMigrationDone = new(63, "VM_MIGRATION_DONE", "normal");
    public static readonly EngineEventCode VmMigrationFailed = new(65, "VM_MIGRATION_FAILED", "error");
    public static readonly EngineEventCode VmMigrationNoVdsToMigrateTo = new(166, "VM_MIGRATION_NO_VDS_TO_MIGRATE_TO", "warning");
    public static readonly EngineEventCode VmMigrationFailedDuringMoveToMaintenanceNoDestinationVds = new(1111, "VM_MIGRATION_FAILED_DURING_MOVE_TO_MAINTENANCE_NO_DESTINATION_VDS", "error");
    public static readonly EngineEventCode VmImportFromConfigurationExecutedSuccessfully = new(174, "VM_IMPORT_FROM_CONFIGURATION_EXECUTED_SUCCESSFULLY", "normal");
    public static readonly EngineEventCode TemplateImportFromConfigurationSuccess = new(180, "TEMPLATE_IMPORT_FROM_CONFIGURATION_SUCCESS", "normal");

    // Storage domains
    public static readonly EngineEventCode UserAddStorageDomain = new(956, "USER_ADD_STORAGE_DOMAIN", "normal");
    public static readonly EngineEventCode UserAttachStorageDomainToPool = new(962, "USER_ATTACH_STORAGE_DOMAIN_TO_POOL", "normal");
    public static readonly EngineEventCode UserActivatedStorageDomain = new(966, "USER_ACTIVATED_STORAGE_DOMAIN", "normal");
    public static readonly EngineEventCode UserDeactivatedStorageDomain = new(968, "USER_DEACTIVATED_STORAGE_DOMAIN", "normal");
    public static readonly EngineEventCode UserDeactivatedLastMasterStorageDomain = new(1030, "USER_DEACTIVATED_LAST_MASTER_STORAGE_DOMAIN", "normal");
    public static readonly EngineEventCode UserDetachStorageDomainFromPool = new(964, "USER_DETACH_STORAGE_DOMAIN_FROM_POOL", "normal");
    public static readonly EngineEventCode UserRemoveStorageDomain = new(960, "USER_REMOVE_STORAGE_DOMAIN", "normal");
    public static readonly EngineEventCode UserForceRemoveStorageDomain = new(981, "USER_FORCE_REMOVE_STORAGE_DOMAIN", "normal");
    public static readonly EngineEventCode UserUpdateOvfStore = new(199, "USER_UPDATE_OVF_STORE", "normal");

    /// <summary>Every entry above.</summary>
    public static IReadOnlyList<EngineEventCode> All { get; } =
    [
        VdcStart, VdsFailure, VdsDetected, VdsActivate, UserVdsMaintenance, UserVdsMaintenanceWithoutReason, UserVdsMaintenanceMigrationFailed,
        SystemVdsRestart, VdsManualFenceStatus, UserVdsRestart, UserVdsStop, UserVdsStart, VdsAlertFenceOperationFailed, IrsHostedOnVds,
        UserStartedVm, UserRunVm, VdsInitiatedRunVm, HaVmFailed, HaVmRestartFailed, UserStopVm, UserInitiatedShutdownVm, VmDown, VmDownError,
        VmNotResponding, VmMigrationStart, VmMigrationStartSystemInitiated, VmMigrationDone, VmMigrationFailed, VmMigrationNoVdsToMigrateTo,
        VmMigrationFailedDuringMoveToMaintenanceNoDestinationVds, VmImportFromConfigurationExecutedSuccessfully, TemplateImportFromConfigurationSuccess,
        UserAddStorageDomain, UserAttachStorageDomainToPool, UserActivatedStorageDomain, UserDeactivatedStorageDomain,
        UserDeactivatedLastMasterStorageDomain, UserDetachStorageDomainFromPool, UserRemoveStorageDomain, UserForceRemoveStorageDomain,
        UserUpdateOvfStore,
    ];
}
