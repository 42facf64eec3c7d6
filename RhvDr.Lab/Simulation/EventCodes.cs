namespace RhvDr.Lab.Simulation;

/// <summary>Audit log codes, after the engine's AuditLogType, so event-following code keys on the numbers it will see in production.</summary>
public static class EventCodes
{
    public const int HostNonResponsive = 12;       // VDS_FAILURE
    public const int HostUp = 13;                  // VDS_DETECTED
    public const int HostMaintenance = 16;         // VDS_MAINTENANCE
    public const int HostActivated = 17;           // VDS_ACTIVATE
    public const int VmStarted = 32;               // USER_RUN_VM
    public const int VmStopped = 33;               // USER_STOP_VM
    public const int VmDown = 61;                  // VM_DOWN
    public const int VmShutdown = 73;              // USER_INITIATED_SHUTDOWN_VM
    public const int VmMigrated = 62;              // VM_MIGRATION_DONE
    public const int VmMigrationFailed = 65;       // VM_MIGRATION_FAILED (lab number: not checked against AuditLogType)
    public const int HostMaintenanceFailed = 17015; // VDS_MAINTENANCE_MANUAL_FIX (lab number: not checked against AuditLogType)
    public const int VmNotResponding = 126;        // VM_NOT_RESPONDING
    public const int VmRegistered = 174;           // VM_IMPORT_FROM_CONFIGURATION_EXECUTED_SUCCESSFULLY
    public const int TemplateRegistered = 176;     // TEMPLATE_IMPORT_FROM_CONFIGURATION_SUCCESS
    public const int HostFenced = 200;             // VDS_MANUAL_FENCE / power management restart
    public const int FenceFailed = 9002;           // VDS_ALERT_FENCE_OPERATION_FAILED
    public const int HaVmFailed = 9602;            // HA_VM_FAILED
    public const int HaVmRestarted = 9603;         // HA VM restarted by the engine
    public const int StorageDomainAdded = 956;     // USER_ADD_STORAGE_DOMAIN
    public const int StorageDomainRemoved = 958;   // USER_REMOVE_STORAGE_DOMAIN
    public const int StorageDomainAttached = 962;  // USER_ATTACH_STORAGE_DOMAIN_TO_POOL
    public const int StorageDomainDetached = 964;  // USER_DETACH_STORAGE_DOMAIN_FROM_POOL
    public const int StorageDomainActivated = 966; // USER_ACTIVATED_STORAGE_DOMAIN
    public const int StorageDomainDeactivated = 968; // USER_DEACTIVATED_STORAGE_DOMAIN
    public const int StorageDomainInactive = 980;  // SYSTEM_DEACTIVATED_STORAGE_DOMAIN
    public const int OvfUpdated = 1086;            // UPDATE_OVF_FOR_STORAGE_DOMAIN
    public const int SpmElected = 1013;            // SPM election
    public const int IscsiLogin = 1110;
}
