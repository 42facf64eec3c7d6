using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

public class MappingGeneratorTests
{
    private static readonly SiteRef PrimarySite = new("https://engine1/ovirt-engine/api", "admin@internal", "/etc/pki/ovirt-engine/ca.pem");
    private static readonly SiteRef SecondarySite = new("https://engine2/ovirt-engine/api", "admin@internal", "/etc/pki/ovirt-engine/ca.pem");

    private static readonly MappingInventory Primary = new()
    {
        DataCenters = [new MappingDataCenter("Prod")],
        Clusters = [new MappingCluster("cluster_prod", "Prod", "4.7")],
        StorageDomains =
        [
            new MappingStorageDomain("sd-block", "block1", "data", "iscsi", "Prod", "active")
            {
                Address = "10.1.0.5", Port = 3260, Targets = ["iqn.2024-01.com.prod:block1"], DiscardAfterDelete = false,
            },
            new MappingStorageDomain("sd-data", "data1", "data", "nfs", "Prod", "active")
            {
                IsMaster = true, Address = "10.1.0.2", Path = "/exports/data1", WipeAfterDelete = false, Backup = false, CriticalSpaceActionBlocker = 5, WarningLowSpace = 10,
            },
            new MappingStorageDomain("sd-he", "hosted_storage", "data", "nfs", "Prod", "active") { IsHostedEngine = true, Address = "10.1.0.2", Path = "/he" },
            new MappingStorageDomain("sd-exp", "exp", "export", "nfs", "Prod", "active") { Address = "10.1.0.2", Path = "/exp" },
        ],
        AffinityGroups = [new MappingAffinityGroup("spread", "cluster_prod"), new MappingAffinityGroup("prod_only", "cluster_prod")],
        AffinityLabels = ["gpu"],
        AaaDomains = ["internal-authz"],
        Roles = ["UserRole"],
        VnicProfiles = [new MappingVnicProfile("ovirtmgmt", "ovirtmgmt", "p-mgmt", "Prod"), new MappingVnicProfile("dmz", "dmz", "p-dmz", "Prod")],
        Luns = [new MappingLun("lun-same", "iscsi", "10.1.0.9", 3260, "iqn.a"), new MappingLun("lun-gone", "iscsi", "10.1.0.9", 3260, "iqn.a")],
    };

    private static readonly MappingInventory Secondary = new()
    {
        DataCenters = [new MappingDataCenter("Recovery")],
        Clusters = [new MappingCluster("cluster_recovery", "Recovery", "4.7")],
        StorageDomains = [new MappingStorageDomain("sd-data", "data1", "data", "nfs", null, "unattached") { Address = "10.2.0.2", Path = "/exports/data1" }],
        AffinityGroups = [new MappingAffinityGroup("spread", "cluster_recovery")],
        AffinityLabels = ["gpu"],
        AaaDomains = ["internal-authz"],
        Roles = ["UserRole"],
        VnicProfiles = [new MappingVnicProfile("ovirtmgmt", "ovirtmgmt", "s-mgmt", "Recovery")],
        Luns = [new MappingLun("lun-same", "iscsi", "10.2.0.9", 3260, "iqn.b")],
    };

    [Fact]
    public void Generate_CraftedSites_MapsAttachedDataDomainsMasterFirst()
    {
        var (mapping, findings) = MappingGenerator.Generate(Primary, Secondary, PrimarySite, SecondarySite);

        Assert.Equal(PrimarySite, mapping.Primary);
        Assert.Equal(["data1", "block1"], mapping.ImportStorages.Select(s => s.Primary.Name));
        var data = mapping.ImportStorages[0];
        Assert.True(data.Primary.IsMaster);
        Assert.True(data.Secondary.IsMaster);
        Assert.Equal("10.2.0.2", data.Secondary.Address);
        Assert.Equal("/exports/data1", data.Secondary.Path);
        Assert.Equal("Recovery", data.Secondary.DcName);
        Assert.Equal(5, data.CriticalSpaceActionBlocker);
        Assert.Null(data.DomainId);
        Assert.Equal(2, findings.Count(f => f.Code == MappingFindingCodes.GenerateExcluded && f.Severity == MappingSeverity.Info));
        Assert.Contains(findings, f => f.Code == MappingFindingCodes.GenerateExcluded && f.Message.Contains("hosted_storage", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Code == MappingFindingCodes.GenerateExcluded && f.Message.Contains("'exp'", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_ReplicaNotListed_ProposesPrimaryValuesAndWarns()
    {
        var (mapping, findings) = MappingGenerator.Generate(Primary, Secondary, PrimarySite, SecondarySite);

        var block = mapping.ImportStorages[1];
        Assert.Equal("sd-block", block.DomainId);
        Assert.Equal("block1", block.Secondary.Name);
        Assert.Equal("Recovery", block.Secondary.DcName);
        Assert.Equal(3260, block.Secondary.Port);
        Assert.Equal(["iqn.2024-01.com.prod:block1"], block.Secondary.Targets!);
        var assumed = Assert.Single(findings, f => f.Code == MappingFindingCodes.GenerateAssumed && f.Key == "dr_import_storages[1].dr_secondary_name");
        Assert.Equal(MappingSeverity.Warning, assumed.Severity);
        Assert.Contains("named 'block1'", assumed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_CraftedSites_MatchesByNameAndFlagsUnmatched()
    {
        var (mapping, findings) = MappingGenerator.Generate(Primary, Secondary, PrimarySite, SecondarySite);

        Assert.Equal([new NameMapping("cluster_prod", "cluster_recovery")], mapping.Clusters);
        Assert.Contains(findings, f => f.Code == MappingFindingCodes.GenerateAssumed && f.Key == "dr_cluster_mappings[0].secondary_name");
        Assert.Equal([new NameMapping("spread", "spread"), new NameMapping("prod_only", string.Empty)], mapping.AffinityGroups);
        Assert.Equal([new NameMapping("gpu", "gpu")], mapping.AffinityLabels);
        Assert.Equal([new NameMapping("internal-authz", "internal-authz")], mapping.AaaDomains);
        Assert.Equal([new NameMapping("UserRole", "UserRole")], mapping.Roles);
        Assert.Equal(new NetworkSide("ovirtmgmt", "ovirtmgmt", "s-mgmt", null), mapping.Networks[0].Secondary);
        Assert.Equal(string.Empty, mapping.Networks[1].Secondary.ProfileName);
        Assert.Equal("lun-same", mapping.Luns[0].Secondary.LogicalUnitId);
        Assert.Equal("10.2.0.9", mapping.Luns[0].Secondary.Address);
        Assert.Equal(string.Empty, mapping.Luns[1].Secondary.LogicalUnitId);

        var unmatched = findings.Where(f => f.Code == MappingFindingCodes.GenerateUnmatched).ToList();
        Assert.All(unmatched, f => Assert.Equal(MappingSeverity.Error, f.Severity));
        Assert.Equal(
            ["dr_affinity_group_mappings[1].secondary_name", "dr_network_mappings[1].secondary_profile_name", "dr_lun_mappings[1].secondary_logical_unit_id"],
            unmatched.Select(f => f.Key));
    }

    [Fact]
    public void Generate_Result_ExportsAndReimportsLosslessly()
    {
        var (mapping, _) = MappingGenerator.Generate(Primary, Secondary, PrimarySite, SecondarySite);

        var reimported = DrMappingYaml.Import(DrMappingYaml.Export(mapping));

        Assert.Empty(reimported.Findings);
        Assert.Equal(mapping, reimported.Mapping);
    }

    [Fact]
    public void Generate_Result_StructureErrorsAreOnlyTheUnmatchedGaps()
    {
        var (mapping, _) = MappingGenerator.Generate(Primary, Secondary, PrimarySite, SecondarySite);

        var errors = MappingValidator.ValidateStructure(mapping).Where(f => f.IsError).ToList();

        Assert.All(errors, f => Assert.Equal(MappingFindingCodes.NameEmpty, f.Code));
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Generate_SeveralRecoveryDataCenters_LeavesDcEmptyAndFlagsIt()
    {
        var secondary = Secondary with { DataCenters = [new MappingDataCenter("Recovery"), new MappingDataCenter("Lab")] };

        var (mapping, findings) = MappingGenerator.Generate(Primary, secondary, PrimarySite, SecondarySite);

        Assert.Equal(string.Empty, mapping.ImportStorages[1].Secondary.DcName);
        Assert.Contains(findings, f => f.Code == MappingFindingCodes.GenerateUnmatched && f.Key == "dr_import_storages[1].dr_secondary_dc_name");
    }
}
