namespace RhvDr.Core.Ovirt;

/// <summary>
/// A role granted on one object (<c>GET users/{id}/permissions</c>): the object is whichever of data center, cluster, host,
/// storage domain, VM, pool, template or disk is present; none means the whole system. Granted to the user or to one of its
/// groups (the engine lists both under the user).
/// </summary>
public sealed record OvirtPermission
{
    public string? Id { get; init; }

    public OvirtRef? Role { get; init; }

    public OvirtRef? User { get; init; }

    public OvirtRef? Group { get; init; }

    public OvirtRef? DataCenter { get; init; }

    public OvirtRef? Cluster { get; init; }

    public OvirtRef? Host { get; init; }

    public OvirtRef? StorageDomain { get; init; }

    public OvirtRef? Vm { get; init; }

    public OvirtRef? VmPool { get; init; }

    public OvirtRef? Template { get; init; }

    public OvirtRef? Disk { get; init; }
}
