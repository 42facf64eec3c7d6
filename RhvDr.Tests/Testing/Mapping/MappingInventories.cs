using RhvDr.Core.Mapping;

namespace RhvDr.Tests.Mapping;

/// <summary>Two site inventories that agree with the role's example mapping, so it validates clean.</summary>
internal static class MappingInventories
{
    public const string ProfileId = "e368cbd4-59d9-4a7e-86c1-e405c916a836";
    public const string PrimaryLunId = "360014056a2be431c0fd46c4bdce92b66";
    public const string SecondaryLunId = "36001405961a7f95e6aa461b8dba53052";

    public static MappingVm ProtectedVm { get; } = new("web01", "cluster_prod")
    {
        Status = "up",
        StorageDomains = ["path2"],
        VnicProfiles = [new MappingVnicProfile("ovirtmgmt", "ovirtmgmt", ProfileId, "Prod")],
        AffinityGroups = ["primary_affinity"],
        AffinityLabels = ["label_prod"],
        LunIds = [PrimaryLunId],
    };

    public static MappingInventory Primary { get; } = new()
    {
        DataCenters = [new MappingDataCenter("Prod", "4.7")],
        Clusters = [new MappingCluster("cluster_prod", "Prod", "4.7")],
        StorageDomains =
        [
            new MappingStorageDomain("11111111-0000-0000-0000-000000000001", "primary_master_storage", "data", "nfs", "Prod", "active") { IsMaster = true },
            new MappingStorageDomain("11111111-0000-0000-0000-000000000002", "path2", "data", "nfs", "Prod", "active"),
            new MappingStorageDomain("aa92cc71-1b88-4998-a755-970ef8a638ea", "scsi_domain", "data", "iscsi", "Prod", "active"),
            new MappingStorageDomain("11111111-0000-0000-0000-000000000009", "hosted_storage", "data", "nfs", "Prod", "active") { IsHostedEngine = true },
        ],
        AffinityGroups = [new MappingAffinityGroup("primary_affinity", "cluster_prod")],
        AffinityLabels = ["label_prod"],
        AaaDomains = ["new-authz", "internal-authz"],
        Roles = ["VmMananger"],
        VnicProfiles = [new MappingVnicProfile("ovirtmgmt", "ovirtmgmt", ProfileId, "Prod")],
        Luns = [new MappingLun(PrimaryLunId, "iscsi", "yy.yy.yy.yy", 3260, "iqn.2017-10.com.primary.redhat:444")],
        Vms = [ProtectedVm],
    };

    /// <summary>The replicas are not listed: the recovery engine does not see them before failover.</summary>
    public static MappingInventory Secondary { get; } = new()
    {
        DataCenters = [new MappingDataCenter("Recovery", "4.7")],
        Clusters = [new MappingCluster("cluster_recovery", "Recovery", "4.7")],
        AffinityGroups = [new MappingAffinityGroup("secondary_affinity", "cluster_recovery")],
        AffinityLabels = ["label_recovery"],
        AaaDomains = ["internal-authz"],
        Roles = ["NeverMnd"],
        VnicProfiles = [new MappingVnicProfile("ovirtmgmt", "ovirtmgmt", ProfileId, "Recovery")],
        Luns = [new MappingLun(SecondaryLunId, "iscsi", "zz.zz.zz.zz", 3260, "iqn.2017-10.com.recovery.redhat:444")],
    };
}
