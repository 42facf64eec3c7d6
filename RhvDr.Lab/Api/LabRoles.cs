namespace RhvDr.Lab.Api;

/// <summary>
/// The engine's permits (the action groups of <c>ActionGroup.java</c>, named in lower case as the API writes them) and the
/// predefined roles the lab serves, with the ids and permits the engine's database seeds them with.
/// </summary>
public static class LabRoles
{
    /// <summary>Every permit the engine knows.</summary>
    public static IReadOnlyList<LabPermit> AllPermits { get; } =
    [
        new(1, "create_vm", false),
        new(2, "delete_vm", false),
        new(3, "edit_vm_properties", false),
        new(17, "reboot_vm", false),
        new(23, "reset_vm", false),
        new(18, "stop_vm", false),
        new(19, "shut_down_vm", false),
        new(21, "hibernate_vm", false),
        new(22, "run_vm", false),
        new(5, "change_vm_cd", false),
        new(6, "migrate_vm", false),
        new(1664, "connect_to_serial_console", false),
        new(7, "connect_to_vm", false),
        new(8, "import_export_vm", true),
        new(9, "configure_vm_network", false),
        new(10, "configure_vm_storage", false),
        new(11, "move_vm", false),
        new(12, "manipulate_vm_snapshots", false),
        new(13, "reconnect_to_vm", false),
        new(14, "change_vm_custom_properties", true),
        new(15, "edit_admin_vm_properties", true),
        new(16, "create_instance", false),
        new(100, "create_host", true),
        new(101, "edit_host_configuration", true),
        new(102, "delete_host", true),
        new(103, "manipulate_host", true),
        new(104, "configure_host_network", true),
        new(200, "create_template", false),
        new(201, "edit_template_properties", false),
        new(202, "delete_template", false),
        new(203, "copy_template", false),
        new(204, "configure_template_network", false),
        new(205, "edit_admin_template_properties", true),
        new(300, "create_vm_pool", false),
        new(301, "edit_vm_pool_configuration", false),
        new(302, "delete_vm_pool", false),
        new(303, "vm_pool_basic_operations", false),
        new(400, "create_cluster", true),
        new(401, "edit_cluster_configuration", true),
        new(402, "delete_cluster", true),
        new(403, "configure_cluster_network", true),
        new(404, "assign_cluster_network", true),
        new(500, "manipulate_users", true),
        new(501, "manipulate_roles", true),
        new(502, "manipulate_permissions", false),
        new(503, "add_users_and_groups_from_directory", false),
        new(504, "edit_profile", false),
        new(600, "create_storage_domain", true),
        new(601, "edit_storage_domain_configuration", true),
        new(602, "delete_storage_domain", true),
        new(603, "manipulate_storage_domain", true),
        new(700, "create_storage_pool", true),
        new(701, "delete_storage_pool", true),
        new(702, "edit_storage_pool_configuration", true),
        new(703, "configure_storage_pool_network", true),
        new(704, "create_storage_pool_network", true),
        new(705, "delete_storage_pool_network", true),
        new(800, "configure_engine", true),
        new(900, "configure_quota", true),
        new(901, "consume_quota", false),
        new(1000, "create_gluster_volume", true),
        new(1001, "manipulate_gluster_volume", true),
        new(1002, "delete_gluster_volume", true),
        new(1003, "manipulate_gluster_hook", true),
        new(1004, "manipulate_gluster_service", true),
        new(1100, "create_disk", false),
        new(1101, "attach_disk", false),
        new(1102, "edit_disk_properties", false),
        new(1103, "configure_disk_storage", false),
        new(1104, "delete_disk", false),
        new(1105, "configure_scsi_generic_io", true),
        new(1106, "access_image_storage", false),
        new(1107, "disk_live_storage_migration", false),
        new(1108, "sparsify_disk", false),
        new(1109, "reduce_disk", true),
        new(1110, "backup_disk", true),
        new(1203, "configure_network_vnic_profile", true),
        new(1204, "create_network_vnic_profile", true),
        new(1205, "delete_network_vnic_profile", true),
        new(1300, "login", false),
        new(1400, "inject_external_events", true),
        new(1500, "inject_external_tasks", true),
        new(1301, "tag_management", true),
        new(1302, "bookmark_management", true),
        new(1303, "event_notification_management", true),
        new(1304, "audit_log_management", true),
        new(1550, "manipulate_affinity_groups", true),
        new(1560, "configure_storage_disk_profile", true),
        new(1561, "create_storage_disk_profile", true),
        new(1562, "delete_storage_disk_profile", true),
        new(1563, "attach_disk_profile", false),
        new(1660, "create_mac_pool", true),
        new(1661, "edit_mac_pool", true),
        new(1662, "delete_mac_pool", true),
        new(1663, "configure_mac_pool", true),
        new(1665, "delete_cpu_profile", true),
        new(1666, "update_cpu_profile", true),
        new(1667, "create_cpu_profile", true),
        new(1668, "assign_cpu_profile", true),
    ];

    /// <summary>Every permit, on whatever object it is granted.</summary>
    public static LabRole SuperUser { get; } = new("00000000-0000-0000-0000-000000000001", "SuperUser", "Roles management administrator", true, AllPermits);

    /// <summary>What a plain user may do with the VMs they are given: run, stop, connect; no storage, hosts or import.</summary>
    public static LabRole UserRole { get; } = new("00000000-0000-0000-0001-000000000001", "UserRole", "Standard User Role", false, Pick(5, 7, 17, 18, 19, 21, 22, 23, 303, 1106, 1300));

    public static LabRole UserVmManager { get; } = new("def00006-0000-0000-0000-def000000006", "UserVmManager", "User Role, with permission for any operation on Vms", false,
        Pick(1, 2, 3, 5, 7, 9, 10, 12, 17, 18, 19, 21, 22, 23, 502, 503, 1100, 1101, 1102, 1104, 1108, 1109, 1110, 1300, 1664, 1668));

    public static IReadOnlyList<LabRole> All { get; } = [SuperUser, UserRole, UserVmManager];

    public static LabRole? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    private static LabPermit[] Pick(params int[] ids) => [.. ids.Select(id => AllPermits.First(p => p.Id == id))];
}
