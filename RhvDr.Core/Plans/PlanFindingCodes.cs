namespace RhvDr.Core.Plans;

/// <summary>
/// Stable finding codes of <c>rhvdr-plans.yml</c>; automation keys on them, so never rename one. Reading the file also uses
/// the mapping's import codes (<c>yaml.syntax</c>, <c>key.unknown</c>, <c>value.not-a-number</c>, ...).
/// </summary>
public static class PlanFindingCodes
{
    // Reading
    public const string StepKindUnknown = "step.kind-unknown";
    public const string ProbeAmbiguous = "probe.ambiguous";

    // Against the estate and the mapping
    public const string EstateUnavailable = "estate.unavailable";
    public const string MappingNone = "mapping.none";

    // Protection groups
    public const string GroupNameInvalid = "group.name-invalid";
    public const string GroupDuplicate = "group.duplicate";
    public const string GroupReservedName = "group.reserved-name";
    public const string GroupEmpty = "group.empty";
    public const string GroupDomainUnknown = "group.domain-unknown";
    public const string GroupDomainUnmapped = "group.domain-unmapped";
    public const string GroupDomainShared = "group.domain-shared";
    public const string GroupVmSpans = "group.vm-spans";
    public const string GroupTemplateSpans = "group.template-spans";

    // Plans
    public const string PlanNameInvalid = "plan.name-invalid";
    public const string PlanDuplicate = "plan.duplicate";
    public const string PlanNoGroups = "plan.no-groups";
    public const string PlanGroupUnknown = "plan.group-unknown";
    public const string PlanVmOverlap = "plan.vm-overlap";
    public const string PlanTemplateNotRecovered = "plan.template-not-recovered";

    // VMs of a plan
    public const string VmUnknown = "vm.unknown";
    public const string VmNotInPlan = "vm.not-in-plan";
    public const string VmDuplicate = "vm.duplicate";
    public const string VmBadPriority = "vm.bad-priority";
    public const string VmBadDelay = "vm.bad-delay";
    public const string DependencyUnknown = "dependency.unknown";
    public const string DependencyLaterGroup = "dependency.later-group";
    public const string DependencyCycle = "dependency.cycle";

    // Steps and priority groups
    public const string StepIncomplete = "step.incomplete";
    public const string StepBadUrl = "step.bad-url";
    public const string StepBadMethod = "step.bad-method";
    public const string StepBadTimeout = "step.bad-timeout";
    public const string PriorityGroupBadPriority = "priority-group.bad-priority";
    public const string PriorityGroupDuplicate = "priority-group.duplicate";

    // Probes
    public const string ProbeBadTarget = "probe.bad-target";
    public const string ProbeBadTimeout = "probe.bad-timeout";

    // Re-IP
    public const string ReIpBadSubnet = "reip.bad-subnet";
    public const string ReIpPrefixMismatch = "reip.prefix-mismatch";
    public const string ReIpBadAddress = "reip.bad-address";
    public const string ReIpNetworkUnmapped = "reip.network-unmapped";
    public const string ReIpNetworkDuplicate = "reip.network-duplicate";
    public const string ReIpVmUnknown = "reip.vm-unknown";
    public const string ReIpNoCloudInit = "reip.no-cloud-init";

    // Drills
    public const string DrillBadCron = "drill.bad-cron";
    public const string DrillBadTimeZone = "drill.bad-time-zone";
    public const string DrillBadCleanup = "drill.bad-cleanup";
}
