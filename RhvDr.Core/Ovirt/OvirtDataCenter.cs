namespace RhvDr.Core.Ovirt;

/// <summary>A data center (storage pool).</summary>
public sealed record OvirtDataCenter
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    public bool? Local { get; init; }

    public OvirtVersion? Version { get; init; }
}
