using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

public class MappingValidatorTests
{
    [Fact]
    public void Validate_RoleExampleAgainstMatchingSites_HasNoErrorsOrWarnings()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

        var findings = MappingValidator.Validate(mapping, MappingInventories.Primary, MappingInventories.Secondary);

        Assert.All(findings, f => Assert.Equal(MappingSeverity.Info, f.Severity));
        Assert.All(findings, f => Assert.Equal(MappingFindingCodes.StorageReplicaNotListed, f.Code));
    }

    [Fact]
    public void Validate_NoSecondaryMasterWhereTheRecoveryDataCenterHasItsOwn_InfoNotError()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example().Replace("dr_secondary_master_domain: \"True\"", "dr_secondary_master_domain: \"False\"", StringComparison.Ordinal)).Mapping!;
        var secondary = MappingInventories.Secondary with
        {
            StorageDomains = [.. MappingInventories.Secondary.StorageDomains,
                new MappingStorageDomain("22222222-0000-0000-0000-000000000099", "recovery_own_master", "data", "nfs", "Recovery", "active") { IsMaster = true }],
        };

        var findings = MappingValidator.Validate(mapping, MappingInventories.Primary, secondary);
        var withoutInventory = MappingValidator.ValidateStructure(mapping);

        Assert.DoesNotContain(findings, f => f.Code == MappingFindingCodes.MasterMissing);
        var existing = Assert.Single(findings, f => f.Code == MappingFindingCodes.MasterExisting);
        Assert.Equal(MappingSeverity.Info, existing.Severity);
        Assert.Contains("'recovery_own_master'", existing.Message, StringComparison.Ordinal);
        Assert.Equal(MappingSeverity.Error, Assert.Single(withoutInventory, f => f.Code == MappingFindingCodes.MasterMissing).Severity);
    }

    [Fact]
    public void ValidateStructure_RoleExample_HasNoFindings()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

        Assert.Empty(MappingValidator.ValidateStructure(mapping));
    }

    [Theory]
    [InlineData(MappingFindingCodes.SiteIncomplete, MappingSeverity.Warning, "dr_sites_secondary_ca_file")]
    [InlineData(MappingFindingCodes.NameEmpty, MappingSeverity.Error, "dr_cluster_mappings[0].secondary_name")]
    [InlineData(MappingFindingCodes.NameDuplicatePrimary, MappingSeverity.Error, "dr_cluster_mappings[1].primary_name")]
    [InlineData(MappingFindingCodes.NameDuplicateSecondary, MappingSeverity.Error, "dr_import_storages[1].dr_secondary_name")]
    [InlineData(MappingFindingCodes.MasterMissing, MappingSeverity.Error, "dr_import_storages")]
    [InlineData(MappingFindingCodes.MasterMultiple, MappingSeverity.Error, "dr_import_storages[1].dr_secondary_master_domain")]
    [InlineData(MappingFindingCodes.StorageUnknownType, MappingSeverity.Error, "dr_import_storages[0].dr_domain_type")]
    [InlineData(MappingFindingCodes.StorageHostedEngine, MappingSeverity.Error, "dr_import_storages[1].dr_primary_name")]
    [InlineData(MappingFindingCodes.StorageExportDomain, MappingSeverity.Error, "dr_import_storages[1].dr_storage_domain_type")]
    [InlineData(MappingFindingCodes.StorageIscsiIncomplete, MappingSeverity.Error, "dr_import_storages[2].dr_secondary_port")]
    [InlineData(MappingFindingCodes.StorageFileIncomplete, MappingSeverity.Error, "dr_import_storages[1].dr_secondary_path")]
    [InlineData(MappingFindingCodes.StorageBlockMissingId, MappingSeverity.Error, "dr_import_storages[2].dr_domain_id")]
    [InlineData(MappingFindingCodes.ObjectMissingPrimary, MappingSeverity.Error, "dr_role_mappings[0].primary_name")]
    [InlineData(MappingFindingCodes.ObjectMissingSecondary, MappingSeverity.Error, "dr_affinity_label_mappings[0].secondary_name")]
    [InlineData(MappingFindingCodes.NetworkAmbiguousDc, MappingSeverity.Error, "dr_network_mappings[0].secondary_profile_name")]
    public void Validate_CraftedBadFile_ReportsFinding(string code, MappingSeverity severity, string key)
    {
        var file = BadFile(code);
        var imported = DrMappingYaml.Import(file);
        Assert.False(imported.HasErrors);
        var secondary = code == MappingFindingCodes.NetworkAmbiguousDc
            ? MappingInventories.Secondary with { VnicProfiles = [.. MappingInventories.Secondary.VnicProfiles, new MappingVnicProfile("ovirtmgmt", "ovirtmgmt", "other-id", "Lab")] }
            : MappingInventories.Secondary;

        var findings = MappingValidator.Validate(imported.Mapping!, MappingInventories.Primary, secondary, source: imported.Source);

        var finding = Assert.Single(findings, f => f.Code == code);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(key, finding.Key);
        if (code != MappingFindingCodes.SiteIncomplete)
        {
            // The line is the one an operator would edit: the key's own line, or the start of its entry when the key was removed.
            Assert.NotNull(finding.Line);
            var lineText = file.Split('\n')[finding.Line.Value - 1];
            var property = key[(key.LastIndexOf('.') + 1)..].Split('[')[0];
            if (code is MappingFindingCodes.StorageBlockMissingId or MappingFindingCodes.StorageFileIncomplete or MappingFindingCodes.StorageIscsiIncomplete)
            {
                Assert.StartsWith("    - dr_domain_type:", lineText, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(property, lineText, StringComparison.Ordinal);
            }
        }

        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }

    [Theory]
    [InlineData(MappingFindingCodes.ClusterVersionMismatch, MappingSeverity.Error)]
    [InlineData(MappingFindingCodes.VmDeleteProtected, MappingSeverity.Warning)]
    [InlineData(MappingFindingCodes.VmSnapshotPreview, MappingSeverity.Warning)]
    [InlineData(MappingFindingCodes.StorageAttachedAtRecovery, MappingSeverity.Warning)]
    [InlineData(MappingFindingCodes.CoverageCluster, MappingSeverity.Error)]
    [InlineData(MappingFindingCodes.CoverageVnicProfile, MappingSeverity.Error)]
    [InlineData(MappingFindingCodes.CoverageAffinityGroup, MappingSeverity.Warning)]
    [InlineData(MappingFindingCodes.CoverageAffinityLabel, MappingSeverity.Warning)]
    [InlineData(MappingFindingCodes.CoverageLun, MappingSeverity.Error)]
    public void Validate_CraftedBadSite_ReportsFinding(string code, MappingSeverity severity)
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;
        var (primary, secondary) = BadSites(code);

        var findings = MappingValidator.Validate(mapping, primary, secondary);

        var finding = Assert.Single(findings, f => f.Code == code);
        Assert.Equal(severity, finding.Severity);
        if (code.StartsWith("coverage.", StringComparison.Ordinal) || code.StartsWith("vm.", StringComparison.Ordinal))
        {
            Assert.Contains("web01", finding.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_UnreachableEngine_ReportsError()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

        var findings = MappingValidator.Validate(mapping, MappingInventories.Primary, MappingInventories.Secondary,
            [new EngineCheck(MappingSide.Secondary, false, "connection refused"), new EngineCheck(MappingSide.Primary, true, "ok")]);

        var finding = Assert.Single(findings, f => f.Code == MappingFindingCodes.EngineUnreachable);
        Assert.Equal("dr_sites_secondary_url", finding.Key);
        Assert.Contains("connection refused", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnmappedClusterWithNamesakeAtRecovery_IsOnlyWarning()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping! with { Clusters = [] };
        var secondary = MappingInventories.Secondary with { Clusters = [new MappingCluster("cluster_prod", "Recovery", "4.7")] };

        var findings = MappingValidator.Validate(mapping, MappingInventories.Primary, secondary);

        Assert.Equal(MappingSeverity.Warning, Assert.Single(findings, f => f.Code == MappingFindingCodes.CoverageCluster).Severity);
    }

    private static string BadFile(string code)
    {
        var yaml = MappingFixtures.Example();
        return code switch
        {
            MappingFindingCodes.SiteIncomplete => Edit(yaml, "dr_sites_secondary_ca_file: \"/etc/pki/ovirt-engine/ca.pem\"\n", string.Empty),
            MappingFindingCodes.NameEmpty => Edit(yaml, "secondary_name: \"cluster_recovery\"", "secondary_name: \"\""),
            MappingFindingCodes.NameDuplicatePrimary => Edit(yaml, "      secondary_name: \"cluster_recovery\"\n",
                "      secondary_name: \"cluster_recovery\"\n    - primary_name: \"cluster_prod\"\n      secondary_name: \"cluster_recovery_2\"\n"),
            MappingFindingCodes.NameDuplicateSecondary => Edit(yaml, "dr_secondary_name: \"path2\"", "dr_secondary_name: \"secondary_master_storage\""),
            MappingFindingCodes.MasterMissing => Edit(yaml, "dr_primary_master_domain: \"True\"", "dr_primary_master_domain: \"False\""),
            MappingFindingCodes.MasterMultiple => Edit(yaml, "dr_secondary_master_domain: false", "dr_secondary_master_domain: \"yes\""),
            MappingFindingCodes.StorageUnknownType => Edit(yaml, "    - dr_domain_type: \"nfs\"\n      dr_primary_master_domain", "    - dr_domain_type: \"ceph\"\n      dr_primary_master_domain"),
            MappingFindingCodes.StorageHostedEngine => Edit(yaml, "dr_primary_name: \"path2\"", "dr_primary_name: \"hosted_storage\""),
            MappingFindingCodes.StorageExportDomain => Edit(yaml, "      dr_critical_space_action_blocker: 5\n", "      dr_critical_space_action_blocker: 5\n      dr_storage_domain_type: \"export\"\n"),
            MappingFindingCodes.StorageIscsiIncomplete => Edit(yaml, "      dr_secondary_port: 3260\n", string.Empty),
            MappingFindingCodes.StorageFileIncomplete => Edit(yaml, "      dr_secondary_path: \"/export/path2\"\n", string.Empty),
            MappingFindingCodes.StorageBlockMissingId => Edit(yaml, "      dr_domain_id: \"aa92cc71-1b88-4998-a755-970ef8a638ea\"\n", string.Empty),
            MappingFindingCodes.ObjectMissingPrimary => Edit(yaml, "primary_name: \"VmMananger\"", "primary_name: \"VmManager\""),
            MappingFindingCodes.ObjectMissingSecondary => Edit(yaml, "secondary_name: \"label_recovery\"", "secondary_name: \"label_dr\""),
            _ => yaml,
        };
    }

    private static string Edit(string yaml, string find, string replace)
    {
        Assert.Contains(find, yaml, StringComparison.Ordinal);
        var at = yaml.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(yaml.AsSpan(0, at), replace, yaml.AsSpan(at + find.Length));
    }

    private static (MappingInventory Primary, MappingInventory Secondary) BadSites(string code)
    {
        var primary = MappingInventories.Primary;
        var secondary = MappingInventories.Secondary;
        var vm = MappingInventories.ProtectedVm;
        MappingInventory WithVm(MappingVm changed) => primary with { Vms = [changed] };
        return code switch
        {
            MappingFindingCodes.ClusterVersionMismatch => (primary, secondary with { Clusters = [new MappingCluster("cluster_recovery", "Recovery", "4.6")] }),
            MappingFindingCodes.VmDeleteProtected => (WithVm(vm with { DeleteProtected = true }), secondary),
            MappingFindingCodes.VmSnapshotPreview => (WithVm(vm with { InSnapshotPreview = true }), secondary),
            MappingFindingCodes.StorageAttachedAtRecovery => (primary, secondary with
            {
                StorageDomains = [new MappingStorageDomain("11111111-0000-0000-0000-000000000002", "path2", "data", "nfs", "Recovery", "active")],
            }),
            MappingFindingCodes.CoverageCluster => (WithVm(vm with { Cluster = "cluster_dev" }) with { Clusters = [.. primary.Clusters, new MappingCluster("cluster_dev", "Prod", "4.7")] }, secondary),
            MappingFindingCodes.CoverageVnicProfile => (WithVm(vm with { VnicProfiles = [new MappingVnicProfile("dmz", "dmz", "dmz-id", "Prod")] }), secondary),
            MappingFindingCodes.CoverageAffinityGroup => (WithVm(vm with { AffinityGroups = ["db_spread"] }), secondary),
            MappingFindingCodes.CoverageAffinityLabel => (WithVm(vm with { AffinityLabels = ["gpu"] }), secondary),
            MappingFindingCodes.CoverageLun => (WithVm(vm with { LunIds = ["36001405deadbeef"] }), secondary),
            _ => (primary, secondary),
        };
    }
}
