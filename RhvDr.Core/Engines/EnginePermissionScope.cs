namespace RhvDr.Core.Engines;

/// <summary>The object a permission grants its role on; <see cref="System"/> covers everything.</summary>
public enum EnginePermissionScope
{
    System,
    DataCenter,
    Cluster,
    Host,
    StorageDomain,
    Vm,
    VmPool,
    Template,
    Disk,
}
