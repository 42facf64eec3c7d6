namespace RhvDr.Core.Engines;

/// <summary>
/// The permits the engine user needs for every kind of DR run, named as the engine's API names them (<c>ActionGroup</c> in
/// lower case), each with the engine actions the run calls that the engine guards with it.
/// </summary>
public static class DrPermits
{
    public static IReadOnlyList<DrPermit> Needed { get; } =
    [
        // AddExisting*StorageDomain and ConnectStorageToVds (iSCSI login) check this permit on the system object.
        new("create_storage_domain", "import the replicated storage domains and log hosts in to their iSCSI targets", SystemOnly: true),
        new("manipulate_storage_domain", "attach, activate, deactivate and detach storage domains, update OVF stores"),
        new("delete_storage_domain", "remove the old site's storage domains on failback and cleanup"),
        new("import_export_vm", "register VMs and templates from the imported storage domains"),
        new("create_vm", "register VMs into the target cluster"),
        new("run_vm", "start the recovered VMs"),
        new("shut_down_vm", "shut VMs down at the source in a planned failover"),
        new("stop_vm", "power off VMs that do not shut down"),
        new("migrate_vm", "move VMs between the sites of a stretch cluster"),
        new("manipulate_host", "put hosts in maintenance and activate them again in an evacuation"),
    ];

    /// <summary>
    /// The needed permits that no grant gives. A grant on the system gives every permit its role has; one on a data center
    /// gives those that are not <see cref="DrPermit.SystemOnly"/>; grants on narrower objects (a cluster, a host, a VM) do
    /// not count, because a run works across the whole data center.
    /// </summary>
    public static IReadOnlyList<DrPermit> Missing(IEnumerable<(EnginePermissionScope Scope, IReadOnlySet<string> Permits)> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var held = grants.ToList();
        return
        [
            .. Needed.Where(permit => !held.Any(g =>
                g.Permits.Contains(permit.Name)
                && (g.Scope == EnginePermissionScope.System || (g.Scope == EnginePermissionScope.DataCenter && !permit.SystemOnly)))),
        ];
    }
}
