namespace RhvDr.Core.Mapping;

/// <summary>Key names of <c>disaster_recovery_vars.yml</c>, as the oVirt <c>disaster_recovery</c> role reads them.</summary>
public static class DrMappingKeys
{
    public const string ImportStorages = "dr_import_storages";
    public const string ClusterMappings = "dr_cluster_mappings";
    public const string AffinityGroupMappings = "dr_affinity_group_mappings";
    public const string AffinityLabelMappings = "dr_affinity_label_mappings";
    public const string DomainMappings = "dr_domain_mappings";
    public const string RoleMappings = "dr_role_mappings";
    public const string NetworkMappings = "dr_network_mappings";
    public const string LunMappings = "dr_lun_mappings";

    public const string DomainType = "dr_domain_type";
    public const string StorageDomainType = "dr_storage_domain_type";
    public const string DomainId = "dr_domain_id";
    public const string WipeAfterDelete = "dr_wipe_after_delete";
    public const string Backup = "dr_backup";
    public const string CriticalSpaceActionBlocker = "dr_critical_space_action_blocker";
    public const string WarningLowSpace = "dr_warning_low_space";
    public const string DiscardAfterDelete = "dr_discard_after_delete";

    public const string LunAlias = "logical_unit_alias";
    public const string LunDescription = "logical_unit_description";
    public const string LunWipeAfterDelete = "wipe_after_delete";
    public const string LunShareable = "shareable";

    public static string SideName(MappingSide side) => side == MappingSide.Primary ? "primary" : "secondary";

    public static string SiteUrl(MappingSide side) => $"dr_sites_{SideName(side)}_url";

    public static string SiteUsername(MappingSide side) => $"dr_sites_{SideName(side)}_username";

    public static string SiteCaFile(MappingSide side) => $"dr_sites_{SideName(side)}_ca_file";

    /// <summary>Read by the role for the engine login; RhvDr refuses to keep it.</summary>
    public static string SitePassword(MappingSide side) => $"dr_sites_{SideName(side)}_password";

    /// <summary><c>dr_{side}_{suffix}</c> inside a <c>dr_import_storages</c> item, e.g. <c>dr_secondary_name</c>.</summary>
    public static string Storage(MappingSide side, string suffix) => $"dr_{SideName(side)}_{suffix}";

    /// <summary><c>{side}_{suffix}</c> inside the other mapping lists, e.g. <c>primary_name</c>, <c>secondary_profile_id</c>.</summary>
    public static string Entry(MappingSide side, string suffix) => $"{SideName(side)}_{suffix}";
}
