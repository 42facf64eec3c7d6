using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Tests.Plans;

/// <summary>Reading and writing rhvdr-plans.yml: what a reviewer sees in git, and what is refused with its line.</summary>
public sealed class PlanYamlTests
{
    [Fact]
    public void Import_Example_ReadsGroupsPlansStepsAndRulesWithoutFindings()
    {
        var imported = PlanYaml.Import(PlanFixtures.Example());

        Assert.Empty(imported.Findings);
        var document = imported.Document!;
        Assert.Equal(["core", "apps"], document.ProtectionGroups.Select(g => g.Name));
        Assert.Equal(["primary_master_storage", "scsi_domain"], document.ProtectionGroups[0].StorageDomains);
        var core = document.FindPlan("core-services")!;
        Assert.Equal(PlanStepKind.Prompt, core.PreSteps.Single().Kind);
        Assert.Equal("GET", core.PostSteps.Single().Method);
        Assert.Equal(120, core.PriorityGroups.Single(g => g.Priority == 1).PostSteps.Single().TimeoutSeconds);
        var db = core.FindVm("prod-db-008")!;
        Assert.Equal(1, db.Priority);
        Assert.Equal(["prod-db-002"], db.After);
        Assert.Equal(new VmProbe { Kind = VmProbeKind.Tcp, Target = "prod-db-008.example.com:5432", TimeoutSeconds = 15 }, db.Probe);
        Assert.Equal(30, core.FindVm("prod-mq-016")!.StartDelaySeconds);
        Assert.True(core.FindVm("prod-batch-023")!.Skip);
        Assert.Equal(PlanVm.DefaultPriority, core.FindVm("prod-batch-023")!.Priority);
        var rule = core.ReIp.Single();
        Assert.Equal(("vm_prod", "10.10.100.0/24", "10.20.100.0/24", "10.20.100.1"), (rule.Network, rule.PrimarySubnet, rule.RecoverySubnet, rule.Gateway));
        Assert.Equal(new ReIpAddress { Vm = "prod-db-002", Address = "10.20.100.10" }, rule.Addresses.Single());
        Assert.Equal(new DrillSchedule { Cron = "30 2 1 * *", TimeZone = "Europe/Berlin", CleanupAfterMinutes = 120 }, document.FindPlan("applications")!.Drill);
        Assert.Equal(TimeSpan.FromMinutes(DrillSchedule.DefaultCleanupAfterMinutes), document.FindPlan("core-services")!.Drill!.CleanupAfter);
    }

    [Fact]
    public void Export_Example_ReimportsEqual()
    {
        var document = PlanYaml.Import(PlanFixtures.Example()).Document!;

        var exported = PlanYaml.Export(document);
        var again = PlanYaml.Import(exported);

        Assert.Empty(again.Findings);
        Assert.Equal(document, again.Document);
        Assert.Contains("storage_domains: [\"primary_master_storage\", \"scsi_domain\"]", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("priority: 3", exported, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Empty_IsAnEmptyDocument()
    {
        var imported = PlanYaml.Import("");

        Assert.Empty(imported.Findings);
        Assert.Equal(PlanDocument.Empty, imported.Document);
    }

    [Fact]
    public void Import_WithLimitsAndAnAlias_RefusedInWordsOfAPlansFile()
    {
        const string yaml = """
            protection_groups:
            - name: g1
              storage_domains: &domains [d1]
            - name: g2
              storage_domains: *domains #!
            """;

        var imported = PlanYaml.Import(yaml, new RhvDr.Core.Configuration.LimitsOptions());

        Assert.Null(imported.Document);
        var finding = Assert.Single(imported.Findings);
        Assert.Equal(MappingFindingCodes.YamlAlias, finding.Code);
        Assert.Equal(PlanTestEstate.MarkedLine(yaml), finding.Line);
        Assert.Contains("a plans file may not use YAML anchors", finding.Message, StringComparison.Ordinal);
        Assert.Contains("/api/plans/export", finding.Fix, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { MappingFindingCodes.KeyUnknown, "plans[0].vms[0].priorty", """
            plans:
            - name: p1
              vms:
              - name: db1
                priorty: 1 #!
            """ },
        { MappingFindingCodes.ValueNotANumber, "plans[0].vms[0].priority", """
            plans:
            - name: p1
              vms:
              - name: db1
                priority: first #!
            """ },
        { MappingFindingCodes.ValueNotABoolean, "plans[0].vms[0].skip", """
            plans:
            - name: p1
              vms:
              - name: db1
                skip: maybe #!
            """ },
        { MappingFindingCodes.KeyNotAList, "plans[0].vms", """
            plans:
            - name: p1
              vms: db1 #!
            """ },
        { MappingFindingCodes.ItemNotAMapping, "plans[0].vms[0]", """
            plans:
            - name: p1
              vms:
              - db1 #!
            """ },
        { PlanFindingCodes.StepKindUnknown, "plans[0].pre_steps[0].kind", """
            plans:
            - name: p1
              pre_steps:
              - kind: email #!
                message: tell everyone
            """ },
        { PlanFindingCodes.ProbeAmbiguous, "plans[0].vms[0].probe.http", """
            plans:
            - name: p1
              vms:
              - name: db1
                probe:
                  tcp: db1:5432
                  http: https://db1/health #!
            """ },
        { MappingFindingCodes.YamlSyntax, "plans[0].vms", """
            plans:
            - name: p1
              vms: [db1 #!
            protection_groups: []
            """ },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Import_UnreadableAsWritten_RefusedWithKeyAndLine(string code, string key, string yaml)
    {
        var imported = PlanYaml.Import(yaml);

        Assert.Null(imported.Document);
        var finding = Assert.Single(imported.Findings, f => f.Code == code);
        Assert.True(finding.IsError);
        Assert.Equal(key, finding.Key);
        Assert.Equal(PlanTestEstate.MarkedLine(yaml), finding.Line);
    }
}
