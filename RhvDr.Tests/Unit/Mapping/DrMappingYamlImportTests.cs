using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

public class DrMappingYamlImportTests
{
    [Fact]
    public void FixtureCopy_SharedOriginalPresent_IsByteForByteEqual()
    {
        var shared = MappingFixtures.SharedOriginalPath;
        if (shared is null)
        {
            return; // The shared folder is not checked out here; the copy is what the other tests use.
        }

        Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(MappingFixtures.ExampleCopyPath));
    }

    [Fact]
    public void Import_RoleExample_HasNoErrorsOrWarnings()
    {
        var result = DrMappingYaml.Import(MappingFixtures.Example());

        Assert.NotNull(result.Mapping);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Import_RoleExample_ReadsSitesAndStorages()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

        Assert.Equal(new SiteRef("https://engine1.example.com/ovirt-engine/api", "admin@internal", "/etc/pki/ovirt-engine/ca.pem"), mapping.Primary);
        Assert.Equal("https://engine2.example.com/ovirt-engine/api", mapping.Secondary.Url);
        Assert.Equal(3, mapping.ImportStorages.Count);

        var master = mapping.ImportStorages[0];
        Assert.Equal("nfs", master.DomainType);
        Assert.True(master.Primary.IsMaster);
        Assert.True(master.Secondary.IsMaster);
        Assert.Equal("primary_master_storage", master.Primary.Name);
        Assert.Equal("secondary_master_storage", master.Secondary.Name);
        Assert.Equal("xx.xx.xx.xx", master.Primary.Address);
        Assert.Equal("/export/path1", master.Secondary.Path);
        Assert.Equal("Prod", master.Primary.DcName);
        Assert.Equal("Recovery", master.Secondary.DcName);
        Assert.Null(master.WipeAfterDelete);

        var nfs = mapping.ImportStorages[1];
        Assert.False(nfs.Primary.IsMaster);
        Assert.False(nfs.Secondary.IsMaster);
        Assert.False(nfs.WipeAfterDelete);
        Assert.False(nfs.Backup);
        Assert.Equal(5, nfs.CriticalSpaceActionBlocker);
        Assert.Equal(5, nfs.WarningLowSpace);

        var iscsi = mapping.ImportStorages[2];
        Assert.Equal("iscsi", iscsi.DomainType);
        Assert.Equal("aa92cc71-1b88-4998-a755-970ef8a638ea", iscsi.DomainId);
        Assert.Equal(1, iscsi.CriticalSpaceActionBlocker);
        Assert.Equal(3260, iscsi.Primary.Port);
        Assert.Equal(3260, iscsi.Secondary.Port);
        Assert.Equal(["iqn.2017-10.com.primary.redhat:444"], iscsi.Primary.Targets!);
        Assert.Equal(["iqn.2017-07.com.recovery.redhat:444"], iscsi.Secondary.Targets!);
        Assert.Equal("zz.zz.zz.zz", iscsi.Secondary.Address);
        Assert.False(iscsi.Secondary.IsMaster);
    }

    [Fact]
    public void Import_RoleExample_ReadsNameNetworkAndLunMappings()
    {
        var mapping = DrMappingYaml.Import(MappingFixtures.Example()).Mapping!;

        Assert.Equal([new NameMapping("cluster_prod", "cluster_recovery")], mapping.Clusters);
        Assert.Equal([new NameMapping("primary_affinity", "secondary_affinity")], mapping.AffinityGroups);
        Assert.Equal([new NameMapping("label_prod", "label_recovery")], mapping.AffinityLabels);
        Assert.Equal([new NameMapping("new-authz", "internal-authz")], mapping.AaaDomains);
        Assert.Equal([new NameMapping("VmMananger", "NeverMnd")], mapping.Roles);

        var network = Assert.Single(mapping.Networks);
        Assert.Equal(new NetworkSide("ovirtmgmt", "ovirtmgmt", "e368cbd4-59d9-4a7e-86c1-e405c916a836", null), network.Primary);
        Assert.Equal(new NetworkSide("ovirtmgmt", "ovirtmgmt", "e368cbd4-59d9-4a7e-86c1-e405c916a836", null), network.Secondary);

        var lun = Assert.Single(mapping.Luns);
        Assert.Equal("360014056a2be431c0fd46c4bdce92b66", lun.Primary.LogicalUnitId);
        Assert.Equal("iscsi", lun.Primary.StorageType);
        Assert.Equal("yy.yy.yy.yy", lun.Primary.Address);
        Assert.Equal(3260, lun.Primary.Port);
        Assert.Equal("1", lun.Primary.Portal);
        Assert.Equal(string.Empty, lun.Primary.Username);
        Assert.Equal(new SecretValue(string.Empty), lun.Primary.Password);
        Assert.Equal("iqn.2017-10.com.primary.redhat:444", lun.Primary.Target);
        Assert.Equal("36001405961a7f95e6aa461b8dba53052", lun.Secondary.LogicalUnitId);
        Assert.Equal("zz.zz.zz.zz", lun.Secondary.Address);
        Assert.Equal("iqn.2017-10.com.recovery.redhat:444", lun.Secondary.Target);
    }
}
