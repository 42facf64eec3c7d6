namespace RhvDr.Core.Ovirt;

/// <summary>A VM template.</summary>
public sealed record OvirtTemplate
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    public OvirtRef? Cluster { get; init; }
}
