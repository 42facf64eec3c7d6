using System.Text;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

/// <summary>The limits a mapping file from outside is read within: nesting, entries per list or map, aliases; YAML and JSON alike.</summary>
public sealed class MappingInputLimitsTests
{
    private static readonly LimitsOptions TenEntries = new() { MappingMaxEntries = 10 };

    [Fact]
    public void ImportYaml_ListAtTheEntryLimit_IsRead_OneMoreIsRefusedNamingKeyAndSetting()
    {
        static string Clusters(int n) => "dr_cluster_mappings:\n" + string.Concat(Enumerable.Range(0, n).Select(i => $"  - primary_name: c{i}\n    secondary_name: r{i}\n"));

        var atLimit = DrMappingYaml.Import(Clusters(10), TenEntries);
        var over = DrMappingYaml.Import(Clusters(11), TenEntries);

        Assert.Equal(10, atLimit.Mapping!.Clusters.Count);
        Assert.Null(over.Mapping);
        var finding = Assert.Single(over.Findings);
        Assert.Equal(MappingFindingCodes.InputTooManyEntries, finding.Code);
        Assert.Equal("dr_cluster_mappings", finding.Key);
        Assert.Equal(22, finding.Line);
        Assert.Contains("RhvDr:Limits:MappingMaxEntries", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportYaml_NestedDeeperThanTheLimit_IsRefused()
    {
        var yaml = "dr_unknown: " + new string('[', LimitsOptions.MappingMaxDepth) + new string(']', LimitsOptions.MappingMaxDepth) + "\n";

        var result = DrMappingYaml.Import(yaml, new LimitsOptions());

        Assert.Null(result.Mapping);
        Assert.Equal(MappingFindingCodes.InputTooDeep, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public void ImportYaml_Alias_IsRefusedAtItsLine_ButAStoredVersionWithoutLimitsStillReads()
    {
        const string yaml = "dr_cluster_mappings:\n  - &c {primary_name: a, secondary_name: b}\ndr_affinity_group_mappings:\n  - *c\n";

        var refused = DrMappingYaml.Import(yaml, new LimitsOptions());

        var finding = Assert.Single(refused.Findings);
        Assert.Equal(MappingFindingCodes.YamlAlias, finding.Code);
        Assert.Equal(4, finding.Line);
        Assert.Contains("*c", finding.Message, StringComparison.Ordinal);
        Assert.NotNull(DrMappingYaml.Import(yaml).Mapping);
    }

    [Fact]
    public void ImportYaml_TheRolesExample_IsReadWithinTheDefaultLimits()
    {
        var result = DrMappingYaml.Import(MappingFixtures.Example(), new LimitsOptions());

        Assert.Equal(["primary_master_storage", "path2", "scsi_domain"], result.Mapping!.ImportStorages.Select(s => s.Primary.Name));
        Assert.DoesNotContain(result.Findings, f => f.IsError);
    }

    [Fact]
    public void CheckJson_TooManyEntriesOrTooDeep_IsRefused_AMappingWithinIsNot()
    {
        var many = Encoding.UTF8.GetBytes($"{{\"clusters\":[{string.Join(",", Enumerable.Range(0, 11).Select(i => $"{{\"primaryName\":\"c{i}\"}}"))}]}}");
        var deep = Encoding.UTF8.GetBytes("{\"x\":" + new string('[', LimitsOptions.MappingMaxDepth) + new string(']', LimitsOptions.MappingMaxDepth) + "}");
        var fine = Encoding.UTF8.GetBytes("{\"clusters\":[{\"primaryName\":\"a\",\"secondaryName\":\"b\"}]}");

        var manyFinding = MappingJsonBounds.Check(many, TenEntries);

        Assert.Equal(MappingFindingCodes.InputTooManyEntries, manyFinding?.Code);
        Assert.Equal("clusters", manyFinding!.Key);
        Assert.Equal(MappingFindingCodes.InputTooDeep, MappingJsonBounds.Check(deep, TenEntries)?.Code);
        Assert.Null(MappingJsonBounds.Check(fine, TenEntries));
    }
}
