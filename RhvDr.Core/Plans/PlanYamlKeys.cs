namespace RhvDr.Core.Plans;

/// <summary>The snake_case keys of <c>rhvdr-plans.yml</c>.</summary>
internal static class PlanYamlKeys
{
    public const string ProtectionGroups = "protection_groups";
    public const string Plans = "plans";

    public const string Name = "name";
    public const string Description = "description";
    public const string StorageDomains = "storage_domains";

    public const string PreSteps = "pre_steps";
    public const string PostSteps = "post_steps";
    public const string PriorityGroups = "priority_groups";
    public const string Vms = "vms";
    public const string ReIp = "re_ip";
    public const string Drill = "drill";

    public const string Priority = "priority";
    public const string After = "after";
    public const string StartDelaySeconds = "start_delay_seconds";
    public const string Skip = "skip";
    public const string Probe = "probe";

    public const string Kind = "kind";
    public const string Message = "message";
    public const string Command = "command";
    public const string Url = "url";
    public const string Method = "method";
    public const string TimeoutSeconds = "timeout_seconds";

    public const string Tcp = "tcp";
    public const string Http = "http";

    public const string Network = "network";
    public const string PrimarySubnet = "primary_subnet";
    public const string RecoverySubnet = "recovery_subnet";
    public const string Gateway = "gateway";
    public const string Dns = "dns";
    public const string Addresses = "addresses";
    public const string Vm = "vm";
    public const string Address = "address";

    public const string Cron = "cron";
    public const string TimeZone = "time_zone";
    public const string CleanupAfterMinutes = "cleanup_after_minutes";

    public static readonly string[] DocumentKeys = [ProtectionGroups, Plans];
    public static readonly string[] GroupKeys = [Name, Description, StorageDomains];
    public static readonly string[] PlanKeys = [Name, Description, ProtectionGroups, PreSteps, PostSteps, PriorityGroups, Vms, ReIp, Drill];
    public static readonly string[] PriorityGroupKeys = [Priority, PreSteps, PostSteps];
    public static readonly string[] VmKeys = [Name, Priority, After, StartDelaySeconds, Skip, Probe];
    public static readonly string[] StepKeys = [Kind, Name, Message, Command, Url, Method, TimeoutSeconds];
    public static readonly string[] ProbeKeys = [Tcp, Http, TimeoutSeconds];
    public static readonly string[] ReIpKeys = [Network, PrimarySubnet, RecoverySubnet, Gateway, Dns, Addresses];
    public static readonly string[] AddressKeys = [Vm, Address];
    public static readonly string[] DrillKeys = [Cron, TimeZone, CleanupAfterMinutes];
}
