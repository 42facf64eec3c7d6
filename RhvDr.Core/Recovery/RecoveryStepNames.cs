namespace RhvDr.Core.Recovery;

/// <summary>The stable keys of run steps (what the API and the store call them).</summary>
public static class RecoveryStepNames
{
    public const string Preflight = "preflight";
    public const string RecordVms = "record-vms";
    public const string PrepareReplication = "prepare-replication";
    public const string ShutdownSource = "shutdown-source";
    public const string UpdateOvf = "update-ovf";
    public const string DeactivateSource = "deactivate-source";
    public const string SyncReplicas = "sync-replicas";
    public const string RemoveSource = "remove-source";
    public const string SwitchStorage = "switch-storage";
    public const string SanlockWait = "sanlock-wait";
    public const string TestCopies = "test-copies";
    public const string ImportDomains = "import-domains";
    public const string ActivateDomains = "activate-domains";
    public const string RegisterTemplates = "register-templates";
    public const string RegisterVms = "register-vms";
    public const string StartVms = "start-vms";
    public const string Reprotect = "reprotect";
    public const string StopTestVms = "stop-test-vms";
    public const string RemoveTestDomains = "remove-test-domains";
    public const string RemoveTestCopies = "remove-test-copies";
    public const string ActivateHosts = "activate-hosts";
    public const string MigrateVms = "migrate-vms";
    public const string DeactivateHosts = "deactivate-hosts";
    public const string Report = "report";
}
