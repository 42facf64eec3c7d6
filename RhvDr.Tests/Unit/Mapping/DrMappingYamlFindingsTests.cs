using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

public class DrMappingYamlFindingsTests
{
    [Fact]
    public void Import_MalformedYaml_ReportsLineColumnAndKeyPath()
    {
        const string yaml = "dr_sites_primary_url: \"https://a/ovirt-engine/api\"\ndr_import_storages:\n  - dr_domain_type: \"nfs\"\n    dr_primary_path: \"/export\"\n    dr_primary_name: x: y\n";

        var result = DrMappingYaml.Import(yaml);

        Assert.Null(result.Mapping);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(MappingFindingCodes.YamlSyntax, finding.Code);
        Assert.Equal(MappingSeverity.Error, finding.Severity);
        Assert.Equal(5, finding.Line);
        Assert.Equal(23, finding.Column);
        Assert.Equal("dr_import_storages[0].dr_primary_name", finding.Key);
        Assert.Contains("line 5, column 23", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnclosedFlowList_ReportsPositionOfLastGoodValue()
    {
        // YamlDotNet throws a position-less InvalidOperationException here; the import still answers with a finding.
        const string yaml = "dr_import_storages:\n  - dr_domain_type: \"iscsi\"\n    dr_primary_target: [\"iqn.a\", \"iqn.b\"\n    dr_primary_name: \"x\"\n";

        var finding = Assert.Single(DrMappingYaml.Import(yaml).Findings);

        Assert.Equal(MappingFindingCodes.YamlSyntax, finding.Code);
        Assert.Equal(3, finding.Line);
        Assert.StartsWith("dr_import_storages[0].dr_primary_target", finding.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnterminatedQuote_ReportsKeyBeingRead()
    {
        var result = DrMappingYaml.Import("dr_sites_primary_url: \"https://a\ndr_sites_primary_username: admin\n");

        var finding = Assert.Single(result.Findings);
        Assert.Equal(MappingFindingCodes.YamlSyntax, finding.Code);
        Assert.Equal("dr_sites_primary_url", finding.Key);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void Import_DuplicateKey_IsSyntaxError()
    {
        var result = DrMappingYaml.Import("dr_sites_primary_url: a\ndr_sites_primary_url: b\n");

        Assert.Null(result.Mapping);
        Assert.Equal(MappingFindingCodes.YamlSyntax, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public void Import_MappingKeyNotAList_ReportsKeyAndLine()
    {
        var yaml = MappingFixtures.Example().Replace(
            "dr_cluster_mappings:\n    - primary_name: \"cluster_prod\"\n      secondary_name: \"cluster_recovery\"",
            "dr_cluster_mappings:\n    primary_name: \"cluster_prod\"\n    secondary_name: \"cluster_recovery\"",
            StringComparison.Ordinal);

        var result = DrMappingYaml.Import(yaml);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(MappingFindingCodes.KeyNotAList, finding.Code);
        Assert.Equal("dr_cluster_mappings", finding.Key);
        Assert.Equal(60, finding.Line);
        Assert.Contains("dr_cluster_mappings", finding.Message, StringComparison.Ordinal);
        Assert.Contains("line 60", finding.Message, StringComparison.Ordinal);
        Assert.Empty(result.Mapping!.Clusters);
    }

    [Fact]
    public void Import_UnknownKeys_WarnsAndKeepsThemOnExport()
    {
        var yaml = MappingFixtures.Example()
            .Replace("dr_sites_secondary_url:", "my_team_note: \"keep me\"\ndr_sites_secondary_url:", StringComparison.Ordinal)
            .Replace("      dr_primary_name: \"path2\"\n", "      dr_primary_name: \"path2\"\n      dr_future_option: [1, {a: b}]\n", StringComparison.Ordinal);

        var result = DrMappingYaml.Import(yaml);

        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(MappingFindingCodes.KeyUnknown, f.Code));
        Assert.Equal(MappingSeverity.Warning, result.Findings[0].Severity);
        Assert.Contains(result.Findings, f => f.Key == "my_team_note" && f.Line == 6);
        Assert.Contains(result.Findings, f => f.Key == "dr_import_storages[1].dr_future_option");

        var exported = DrMappingYaml.Export(result.Mapping!);
        Assert.Contains("my_team_note: \"keep me\"", exported, StringComparison.Ordinal);
        Assert.Contains("dr_future_option: [1, {a: b}]", exported, StringComparison.Ordinal);
        Assert.Equal(result.Mapping, DrMappingYaml.Import(exported).Mapping);
    }

    [Fact]
    public void Import_SitePassword_IsDroppedWithWarning()
    {
        var yaml = MappingFixtures.Example().Replace(
            "dr_sites_primary_ca_file: \"/etc/pki/ovirt-engine/ca.pem\"\n",
            "dr_sites_primary_ca_file: \"/etc/pki/ovirt-engine/ca.pem\"\ndr_sites_primary_password: \"hunter2\"\n",
            StringComparison.Ordinal);

        var result = DrMappingYaml.Import(yaml);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(MappingFindingCodes.SecretDropped, finding.Code);
        Assert.Equal(MappingSeverity.Warning, finding.Severity);
        Assert.Equal("dr_sites_primary_password", finding.Key);
        Assert.Equal(5, finding.Line);
        Assert.DoesNotContain("hunter2", finding.Message, StringComparison.Ordinal);
        Assert.Empty(result.Mapping!.UnknownKeys);
        Assert.DoesNotContain("hunter2", DrMappingYaml.Export(result.Mapping), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Mapping.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LunPassword_ToString_IsMasked()
    {
        var lun = new LunSide { LogicalUnitId = "36001", Password = new SecretValue("chap-secret") };

        Assert.DoesNotContain("chap-secret", lun.ToString(), StringComparison.Ordinal);
        Assert.Equal("chap-secret", lun.Password!.Reveal());
    }

    [Theory]
    [InlineData("\"True\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"yes\"", true)]
    [InlineData("\"NO\"", false)]
    [InlineData("Yes", true)]
    public void Import_BooleanSpellings_AreRead(string written, bool expected)
    {
        var result = DrMappingYaml.Import($"dr_import_storages:\n- dr_domain_type: nfs\n  dr_backup: {written}\n");

        Assert.Empty(result.Findings);
        Assert.Equal(expected, result.Mapping!.ImportStorages[0].Backup);
    }

    [Fact]
    public void Import_NumbersAsStrings_AreRead()
    {
        var result = DrMappingYaml.Import("dr_import_storages:\n- dr_primary_port: \"3260\"\n  dr_warning_low_space: 10\n");

        Assert.Empty(result.Findings);
        Assert.Equal(3260, result.Mapping!.ImportStorages[0].Primary.Port);
        Assert.Equal(10, result.Mapping.ImportStorages[0].WarningLowSpace);
    }

    [Theory]
    [InlineData("dr_import_storages:\n- dr_backup: maybe\n", MappingFindingCodes.ValueNotABoolean, "dr_import_storages[0].dr_backup", 2)]
    [InlineData("dr_import_storages:\n- dr_primary_port: \"32x\"\n", MappingFindingCodes.ValueNotANumber, "dr_import_storages[0].dr_primary_port", 2)]
    [InlineData("dr_import_storages:\n- dr_domain_type: nfs\n  dr_primary_port: not-a-port\n", MappingFindingCodes.ValueNotANumber, "dr_import_storages[0].dr_primary_port", 3)]
    [InlineData("dr_import_storages:\n- dr_primary_port: 3260.5\n", MappingFindingCodes.ValueNotANumber, "dr_import_storages[0].dr_primary_port", 2)]
    [InlineData("dr_import_storages:\n- dr_domain_type: nfs\n\n  dr_wipe_after_delete: yes-please\n", MappingFindingCodes.ValueNotABoolean, "dr_import_storages[0].dr_wipe_after_delete", 4)]
    [InlineData("dr_import_storages:\n- dr_primary_master_domain: 7\n", MappingFindingCodes.ValueNotABoolean, "dr_import_storages[0].dr_primary_master_domain", 2)]
    [InlineData("dr_lun_mappings:\n- logical_unit_alias: lun1\n  primary_logical_unit_port: {port: 3260}\n", MappingFindingCodes.ValueNotAScalar, "dr_lun_mappings[0].primary_logical_unit_port", 3)]
    [InlineData("dr_import_storages:\n- dr_primary_name: [a, b]\n", MappingFindingCodes.ValueNotAScalar, "dr_import_storages[0].dr_primary_name", 2)]
    [InlineData("dr_cluster_mappings:\n- \"cluster_prod\"\n", MappingFindingCodes.ItemNotAMapping, "dr_cluster_mappings[0]", 2)]
    [InlineData("dr_role_mappings: \"VmManager\"\n", MappingFindingCodes.KeyNotAList, "dr_role_mappings", 1)]
    [InlineData("- a\n- b\n", MappingFindingCodes.YamlNotAMapping, "", 1)]
    [InlineData("dr_sites_primary_url: a\n---\ndr_sites_primary_url: b\n", MappingFindingCodes.YamlMultipleDocuments, "", 3)]
    public void Import_BadValue_ReportsCodeKeyAndLine(string yaml, string code, string key, int line)
    {
        var result = DrMappingYaml.Import(yaml);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(key, finding.Key);
        Assert.Equal(line, finding.Line);
    }

    [Fact]
    public void Import_EmptyFile_WarnsAndReturnsEmptyMapping()
    {
        var result = DrMappingYaml.Import("---\n");

        Assert.Equal(DrMapping.Empty, result.Mapping);
        Assert.Equal(MappingFindingCodes.YamlEmpty, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public void Import_GeneratorPlaceholders_ReadAsAbsent()
    {
        // ovirt-dr generate leaves "key: # hint" for the operator to fill in.
        var result = DrMappingYaml.Import("dr_cluster_mappings:\n- primary_name: cluster_prod\n  secondary_name: # cluster_prod\n");

        Assert.Empty(result.Findings);
        Assert.Equal(new NameMapping("cluster_prod", null), Assert.Single(result.Mapping!.Clusters));
    }
}
