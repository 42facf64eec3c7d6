using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

public class DrMappingYamlRoundTripTests
{
    [Fact]
    public void ImportExportImport_RoleExample_IsLossless()
    {
        var first = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

        var exported = DrMappingYaml.Export(first);
        var second = DrMappingYaml.Import(exported);

        Assert.Empty(second.Findings);
        Assert.Equal(first, second.Mapping);
    }

    [Fact]
    public void Export_RoleExample_IsStable()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;
        var once = DrMappingYaml.Export(mapping);

        var twice = DrMappingYaml.Export(DrMappingYaml.Import(once).Mapping!);

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Export_RoleExample_WritesRoleKeysAndBooleans()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

        var exported = DrMappingYaml.Export(mapping);

        Assert.StartsWith("---\n", exported, StringComparison.Ordinal);
        Assert.Contains("dr_primary_master_domain: True", exported, StringComparison.Ordinal);
        Assert.Contains("dr_secondary_master_domain: False", exported, StringComparison.Ordinal);
        Assert.Contains("dr_primary_port: 3260", exported, StringComparison.Ordinal);
        Assert.Contains("dr_primary_target: [\"iqn.2017-10.com.primary.redhat:444\"]", exported, StringComparison.Ordinal);
        Assert.Contains("- primary_name: \"cluster_prod\"", exported, StringComparison.Ordinal);
        Assert.Contains("primary_logical_unit_portal: \"1\"", exported, StringComparison.Ordinal);
    }
}
