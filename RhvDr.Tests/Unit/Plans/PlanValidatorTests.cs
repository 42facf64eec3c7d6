using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Tests.Plans;

/// <summary>Every validation finding of a plans file, each pointing at the key and line to fix (the line marked <c>#!</c>).</summary>
public sealed class PlanValidatorTests
{
    private const string Groups = """
        protection_groups:
        - name: g1
          storage_domains: [d1]
        - name: g2
          storage_domains: [d2]
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { PlanFindingCodes.GroupNameInvalid, "protection_groups[0].name", """
            protection_groups:
            - name: "bad name" #!
              storage_domains: [d1]
            """ },
        { PlanFindingCodes.GroupDuplicate, "protection_groups[1].name", """
            protection_groups:
            - name: g1
              storage_domains: [d1]
            - name: G1 #!
              storage_domains: [d2]
            """ },
        { PlanFindingCodes.GroupReservedName, "protection_groups[0].name", """
            protection_groups:
            - name: all #!
              storage_domains: [d1]
            """ },
        { PlanFindingCodes.GroupEmpty, "protection_groups[1]", """
            protection_groups:
            - name: g1
              storage_domains: [d1]
            - name: g2 #!
              storage_domains: []
            """ },
        { PlanFindingCodes.GroupDomainUnknown, "protection_groups[0].storage_domains[1]", """
            protection_groups:
            - name: g1
              storage_domains:
              - d1
              - nope #!
            """ },
        { PlanFindingCodes.GroupDomainUnmapped, "protection_groups[0].storage_domains[0]", """
            protection_groups:
            - name: g1
              storage_domains: [d5] #!
            """ },
        { PlanFindingCodes.GroupDomainShared, "protection_groups[1].storage_domains[1]", """
            protection_groups:
            - name: g1
              storage_domains: [d1]
            - name: g2
              storage_domains:
              - d2
              - d1 #!
            """ },
        { PlanFindingCodes.GroupVmSpans, "protection_groups[0]", """
            protection_groups:
            - name: g3 #!
              storage_domains: [d3]
            """ },
        { PlanFindingCodes.PlanNameInvalid, "plans[0].name", Groups + """

            plans:
            - name: export #!
              protection_groups: [g1]
            """ },
        { PlanFindingCodes.PlanDuplicate, "plans[1].name", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
            - name: p1 #!
              protection_groups: [g2]
            """ },
        { PlanFindingCodes.PlanNoGroups, "plans[0]", Groups + """

            plans:
            - name: p1 #!
              description: nothing to recover
            """ },
        { PlanFindingCodes.PlanGroupUnknown, "plans[0].protection_groups[1]", Groups + """

            plans:
            - name: p1
              protection_groups:
              - g1
              - g9 #!
            """ },
        { PlanFindingCodes.PlanVmOverlap, "plans[1].protection_groups", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
            - name: p2
              protection_groups: [all] #!
            """ },
        { PlanFindingCodes.VmUnknown, "plans[0].vms[0].name", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: ghost #!
            """ },
        { PlanFindingCodes.VmNotInPlan, "plans[0].vms[0].name", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: web1 #!
            """ },
        { PlanFindingCodes.VmDuplicate, "plans[0].vms[1].name", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
              - name: db1 #!
            """ },
        { PlanFindingCodes.VmBadPriority, "plans[0].vms[0].priority", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                priority: 6 #!
            """ },
        { PlanFindingCodes.VmBadDelay, "plans[0].vms[0].start_delay_seconds", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                start_delay_seconds: -5 #!
            """ },
        { PlanFindingCodes.DependencyUnknown, "plans[0].vms[0].after[0]", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                after: [web1] #!
            """ },
        { PlanFindingCodes.DependencyLaterGroup, "plans[0].vms[0].after[0]", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                priority: 1
                after: [app1] #!
            """ },
        { PlanFindingCodes.DependencyCycle, "plans[0].vms[0].after", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                after: [app1] #!
              - name: app1
                after: [db1]
            """ },
        { PlanFindingCodes.StepIncomplete, "plans[0].pre_steps[0]", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              pre_steps:
              - kind: prompt #!
                name: ask someone
            """ },
        { PlanFindingCodes.StepBadUrl, "plans[0].post_steps[0].url", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              post_steps:
              - kind: http
                url: ftp://files.example.com/done #!
            """ },
        { PlanFindingCodes.StepBadMethod, "plans[0].post_steps[0].method", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              post_steps:
              - kind: http
                url: https://itsm.example.com/api
                method: FETCH #!
            """ },
        { PlanFindingCodes.StepBadTimeout, "plans[0].priority_groups[0].pre_steps[0].timeout_seconds", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              priority_groups:
              - priority: 2
                pre_steps:
                - kind: command
                  command: /usr/local/bin/warm-caches
                  timeout_seconds: 0 #!
            """ },
        { PlanFindingCodes.PriorityGroupBadPriority, "plans[0].priority_groups[0].priority", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              priority_groups:
              - priority: 9 #!
            """ },
        { PlanFindingCodes.PriorityGroupDuplicate, "plans[0].priority_groups[1].priority", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              priority_groups:
              - priority: 2
              - priority: 2 #!
            """ },
        { PlanFindingCodes.ProbeBadTarget, "plans[0].vms[0].probe.tcp", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                probe:
                  tcp: db1.example.com #!
            """ },
        { PlanFindingCodes.ProbeBadTimeout, "plans[0].vms[0].probe.timeout_seconds", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                probe:
                  http: https://db1.example.com/health
                  timeout_seconds: -1 #!
            """ },
        { PlanFindingCodes.ReIpBadSubnet, "plans[0].re_ip[0].primary_subnet", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              re_ip:
              - network: net_prod
                primary_subnet: 10.10.100.5/24 #!
                recovery_subnet: 10.20.100.0/24
            """ },
        { PlanFindingCodes.ReIpPrefixMismatch, "plans[0].re_ip[0].recovery_subnet", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              re_ip:
              - network: net_prod
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.0.0/16 #!
            """ },
        { PlanFindingCodes.ReIpBadAddress, "plans[0].re_ip[0].gateway", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              re_ip:
              - network: net_prod
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.100.0/24
                gateway: 10.20.101.1 #!
            """ },
        { PlanFindingCodes.ReIpNetworkUnmapped, "plans[0].re_ip[0].network", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              re_ip:
              - network: net_lab #!
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.100.0/24
            """ },
        { PlanFindingCodes.ReIpNetworkDuplicate, "plans[0].re_ip[1].network", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              re_ip:
              - network: net_prod
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.100.0/24
              - network: net_prod #!
                primary_subnet: 10.10.101.0/24
                recovery_subnet: 10.20.101.0/24
            """ },
        { PlanFindingCodes.ReIpVmUnknown, "plans[0].re_ip[0].addresses[0].vm", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              re_ip:
              - network: net_prod
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.100.0/24
                addresses:
                - vm: web1 #!
                  address: 10.20.100.7
            """ },
        { PlanFindingCodes.DrillBadCron, "plans[0].drill.cron", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              drill:
                cron: "61 3 * * *" #!
            """ },
        { PlanFindingCodes.DrillBadTimeZone, "plans[0].drill.time_zone", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              drill:
                cron: "0 3 * * 6"
                time_zone: Mars/Olympus_Mons #!
            """ },
        { PlanFindingCodes.DrillBadCleanup, "plans[0].drill.cleanup_after_minutes", Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              drill:
                cron: "0 3 * * 6"
                cleanup_after_minutes: -5 #!
            """ },
    };

    /// <summary>Findings that leave the plans active: a run goes on past them (see each rule's comment for why).</summary>
    public static TheoryData<string, string, string> WarningCases => new()
    {
        { PlanFindingCodes.GroupTemplateSpans, "protection_groups[0]", """
            protection_groups:
            - name: g3 #!
              storage_domains: [d3]
            - name: g4
              storage_domains: [d4]
            """ },
        { PlanFindingCodes.PlanTemplateNotRecovered, "plans[0].protection_groups", """
            protection_groups:
            - name: g3
              storage_domains: [d3]
            - name: g4
              storage_domains: [d4]

            plans:
            - name: p1
              protection_groups: [g4] #!
            """ },
        { PlanFindingCodes.ReIpNoCloudInit, "plans[0].re_ip[0].network", Groups + """

            plans:
            - name: p1
              protection_groups: [g2]
              re_ip:
              - network: net_prod #!
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.100.0/24
            """ },
    };

    [Theory]
    [MemberData(nameof(WarningCases))]
    public void Validate_FileWithOneWarning_FindsItAtItsKeyAndLineAndNoError(string code, string key, string yaml)
    {
        var findings = PlanTestEstate.Validate(yaml);

        var finding = Assert.Single(findings, f => f.Code == code);
        Assert.Equal(MappingSeverity.Warning, finding.Severity);
        Assert.Equal(key, finding.Key);
        Assert.Equal(PlanTestEstate.MarkedLine(yaml), finding.Line);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }

    [Fact]
    public void Validate_TemplateDisksSpanGroups_NamesEachDiskAndItsGroup()
    {
        var findings = PlanTestEstate.Validate("""
            protection_groups:
            - name: g3
              storage_domains: [d3]
            - name: g4
              storage_domains: [d4]
            """);

        var finding = Assert.Single(findings, f => f.Code == PlanFindingCodes.GroupTemplateSpans);
        Assert.Contains("'tpl4'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("disk 1 on d3 (group 'g3')", finding.Message, StringComparison.Ordinal);
        Assert.Contains("disk 2 on d4 (group 'g4')", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VmTemplateInAnotherGroup_NamesTheVmTheDomainAndTheGroupToAdd()
    {
        var findings = PlanTestEstate.Validate(WarningCases.Single(c => (string)c[0] == PlanFindingCodes.PlanTemplateNotRecovered)[2].ToString()!);

        var finding = Assert.Single(findings, f => f.Code == PlanFindingCodes.PlanTemplateNotRecovered);
        Assert.Contains("thin1", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'tpl3'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("d3 (group 'g3')", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Add group 'g3' to the plan's protection_groups", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlanRecoversTheTemplatesGroupToo_NoTemplateWarning()
    {
        var findings = PlanTestEstate.Validate("""
            protection_groups:
            - name: g3
              storage_domains: [d3]
            - name: g4
              storage_domains: [d4]

            plans:
            - name: p1
              protection_groups: [g3, g4]
            """);

        Assert.DoesNotContain(findings, f => f.Code == PlanFindingCodes.PlanTemplateNotRecovered);
    }

    [Fact]
    public void Validate_VmTemplateOnAnUngroupedDomain_FixSaysAddTheDomain()
    {
        var findings = PlanTestEstate.Validate("""
            protection_groups:
            - name: g4
              storage_domains: [d4]

            plans:
            - name: p1
              protection_groups: [g4]
            """);

        var finding = Assert.Single(findings, f => f.Code == PlanFindingCodes.PlanTemplateNotRecovered);
        Assert.Contains("d3 (no group)", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("Add d3 to one of the plan's protection groups", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplatesOf_TemplateCopiedToTwoGroups_IsAMemberOfEachAndSpansNone()
    {
        var estate = new PlanEstate(["d1", "d2"], [new PlanEstateVm("vm1", ["d1"]) { Template = "tpl" }])
        {
            Templates = [new PlanEstateTemplate("tpl", [["d1", "d2"]]), new PlanEstateTemplate("split", [["d1"], ["d2"]])],
        };
        var document = PlanYaml.Import("""
            protection_groups:
            - name: g1
              storage_domains: [d1]
            - name: g2
              storage_domains: [d2]
            """).Document!;

        var findings = PlanValidator.Validate(document, PlanTestEstate.Mapping, estate);

        Assert.Equal(["tpl"], estate.TemplatesOf(document.ProtectionGroups[0]));
        Assert.Equal(["tpl"], estate.TemplatesOf(document.ProtectionGroups[1]));
        var spans = Assert.Single(findings, f => f.Code == PlanFindingCodes.GroupTemplateSpans);
        Assert.Contains("'split'", spans.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WindowsVmSkippedByThePlan_NoCloudInitWarning()
    {
        var findings = PlanTestEstate.Validate(Groups + """

            plans:
            - name: p1
              protection_groups: [g2]
              vms:
              - name: win1
                skip: true
              re_ip:
              - network: net_prod
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.100.0/24
            """);

        Assert.DoesNotContain(findings, f => f.Code == PlanFindingCodes.ReIpNoCloudInit);
    }

    [Fact]
    public void Validate_WindowsVmOnTheRulesNetwork_NamesItsOsAndSaysWhatToDo()
    {
        var findings = PlanTestEstate.Validate(WarningCases.Single(c => (string)c[0] == PlanFindingCodes.ReIpNoCloudInit)[2].ToString()!);

        var finding = Assert.Single(findings, f => f.Code == PlanFindingCodes.ReIpNoCloudInit);
        Assert.Contains("win1 (windows_2019x64)", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("web1", finding.Message, StringComparison.Ordinal);
        Assert.Contains("skip: true", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("override", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_FileWithOneProblem_FindsItAtItsKeyAndLine(string code, string key, string yaml)
    {
        var findings = PlanTestEstate.Validate(yaml);

        var finding = Assert.Single(findings, f => f.Code == code);
        Assert.True(finding.IsError, finding.ToString());
        Assert.Equal(key, finding.Key);
        Assert.Equal(PlanTestEstate.MarkedLine(yaml), finding.Line);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }

    [Fact]
    public void Validate_EveryCode_HasACase()
    {
        var codes = typeof(PlanFindingCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        var tested = Cases.Concat(WarningCases).Select(c => (string)c[0]).Concat(
            [PlanFindingCodes.MappingNone, PlanFindingCodes.EstateUnavailable, PlanFindingCodes.StepKindUnknown, PlanFindingCodes.ProbeAmbiguous]);

        Assert.Empty(codes.Except(tested));
    }

    [Fact]
    public void Validate_CleanPlans_FindsNothing()
    {
        var findings = PlanTestEstate.Validate(Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: db1
                priority: 1
                probe:
                  tcp: "10.10.100.5:5432"
              - name: app1
                after: [db1]
              re_ip:
              - network: net_prod
                primary_subnet: 10.10.100.0/24
                recovery_subnet: 10.20.100.0/24
                gateway: 10.20.100.1
                dns: [10.20.0.53]
              drill:
                cron: "0 3 * * 6"
            - name: p2
              protection_groups: [g2]
            """);

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_NoActiveMapping_OneErrorAndNoGroupIsCalledUnmapped()
    {
        var document = PlanYaml.Import(Groups).Document!;

        var findings = PlanValidator.Validate(document, null, PlanTestEstate.Estate);

        var finding = Assert.Single(findings);
        Assert.Equal(PlanFindingCodes.MappingNone, finding.Code);
        Assert.Equal("", finding.Key);
    }

    [Fact]
    public void Validate_PrimaryEstateNotRead_OneErrorAndNoVmOrDependencyIsCalledUnknown()
    {
        var document = PlanYaml.Import(Groups + """

            plans:
            - name: p1
              protection_groups: [g1]
              vms:
              - name: ghost
                after: [phantom]
            """).Document!;

        var findings = PlanValidator.Validate(document, PlanTestEstate.Mapping, null);

        var finding = Assert.Single(findings);
        Assert.Equal(PlanFindingCodes.EstateUnavailable, finding.Code);
        Assert.Contains("primary", finding.Message, StringComparison.Ordinal);
    }
}
