namespace RhvDr.Core.Ovirt;

/// <summary>A cluster; its version is the compatibility level DR mapping must match.</summary>
public sealed record OvirtCluster
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public OvirtRef? DataCenter { get; init; }

    public OvirtVersion? Version { get; init; }
}
