using RhvDr.Core.Mapping;
using static RhvDr.Core.Plans.PlanYamlKeys;

namespace RhvDr.Core.Plans;

/// <summary>Builds a <see cref="PlanDocument"/> from the root mapping of <c>rhvdr-plans.yml</c>.</summary>
internal static class PlanYamlReader
{
    public static PlanDocument Read(YamlMapReader root) => new()
    {
        ProtectionGroups = root.Items(ProtectionGroups, GroupKeys, ReadGroup),
        Plans = root.Items(PlanYamlKeys.Plans, PlanKeys, ReadPlan),
    };

    private static ProtectionGroup ReadGroup(YamlMapReader map) => new()
    {
        Name = map.String(Name) ?? string.Empty,
        Description = map.String(Description),
        StorageDomains = map.StringList(StorageDomains) ?? ValueList<string>.Empty,
    };

    private static RecoveryPlanDefinition ReadPlan(YamlMapReader map) => new()
    {
        Name = map.String(Name) ?? string.Empty,
        Description = map.String(Description),
        ProtectionGroups = map.StringList(ProtectionGroups) ?? ValueList<string>.Empty,
        PreSteps = map.Items(PreSteps, StepKeys, ReadStep),
        PostSteps = map.Items(PostSteps, StepKeys, ReadStep),
        PriorityGroups = map.Items(PriorityGroups, PriorityGroupKeys, ReadPriorityGroup),
        Vms = map.Items(Vms, VmKeys, ReadVm),
        ReIp = map.Items(ReIp, ReIpKeys, ReadReIp),
        Drill = map.Map(Drill, DrillKeys) is { } drill
            ? new DrillSchedule
            {
                Cron = drill.String(Cron) ?? string.Empty,
                TimeZone = drill.String(PlanYamlKeys.TimeZone),
                CleanupAfterMinutes = drill.Int(PlanYamlKeys.CleanupAfterMinutes),
            }
            : null,
    };

    private static PlanPriorityGroup ReadPriorityGroup(YamlMapReader map) => new()
    {
        Priority = map.Int(Priority) ?? 0,
        PreSteps = map.Items(PreSteps, StepKeys, ReadStep),
        PostSteps = map.Items(PostSteps, StepKeys, ReadStep),
    };

    private static PlanVm ReadVm(YamlMapReader map) => new()
    {
        Name = map.String(Name) ?? string.Empty,
        Priority = map.Int(Priority) ?? PlanVm.DefaultPriority,
        After = map.StringList(After) ?? ValueList<string>.Empty,
        StartDelaySeconds = map.Int(StartDelaySeconds) ?? 0,
        Skip = map.Bool(Skip) ?? false,
        Probe = map.Map(Probe, ProbeKeys) is { } probe ? ReadProbe(probe) : null,
    };

    private static VmProbe? ReadProbe(YamlMapReader map)
    {
        var tcp = map.String(Tcp);
        var http = map.String(Http);
        var timeout = map.Int(TimeoutSeconds);
        if (tcp is not null && http is not null || tcp is null && http is null)
        {
            map.Report(PlanFindingCodes.ProbeAmbiguous, tcp is null ? string.Empty : Http,
                tcp is null ? $"The probe at {map.Path} says neither 'tcp' nor 'http'." : $"The probe at {map.Path} gives both 'tcp' and 'http'.",
                "Write one of 'tcp: host:port' or 'http: https://host/path'.");
            return null;
        }

        return tcp is not null
            ? new VmProbe { Kind = VmProbeKind.Tcp, Target = tcp, TimeoutSeconds = timeout }
            : new VmProbe { Kind = VmProbeKind.Http, Target = http!, TimeoutSeconds = timeout };
    }

    private static PlanStep? ReadStep(YamlMapReader map)
    {
        var word = map.String(Kind);
        PlanStepKind? kind = word?.Trim().ToLowerInvariant() switch
        {
            "prompt" => PlanStepKind.Prompt,
            "command" => PlanStepKind.Command,
            "http" => PlanStepKind.Http,
            _ => null,
        };
        var step = new PlanStep
        {
            Kind = kind ?? PlanStepKind.Prompt,
            Name = map.String(Name),
            Message = map.String(Message),
            Command = map.String(Command),
            Url = map.String(Url),
            Method = map.String(Method),
            TimeoutSeconds = map.Int(TimeoutSeconds),
        };
        if (kind is null)
        {
            map.Report(PlanFindingCodes.StepKindUnknown, Kind,
                word is null ? $"The step at {map.Path} has no 'kind'." : $"The step at {map.Path} has kind '{word}', which is not a kind of step.",
                "Write 'kind: prompt' (with message), 'kind: command' (with command) or 'kind: http' (with url).");
            return null;
        }

        return step;
    }

    private static ReIpRule ReadReIp(YamlMapReader map) => new()
    {
        Network = map.String(Network) ?? string.Empty,
        PrimarySubnet = map.String(PrimarySubnet) ?? string.Empty,
        RecoverySubnet = map.String(RecoverySubnet) ?? string.Empty,
        Gateway = map.String(Gateway),
        Dns = map.StringList(Dns) ?? ValueList<string>.Empty,
        Addresses = map.Items(Addresses, AddressKeys, a => new ReIpAddress { Vm = a.String(Vm) ?? string.Empty, Address = a.String(Address) ?? string.Empty }),
    };
}
