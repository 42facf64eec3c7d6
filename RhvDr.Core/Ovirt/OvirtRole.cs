namespace RhvDr.Core.Ovirt;

/// <summary>A role (<c>GET roles/{id}</c>); its permits are a sub-collection.</summary>
public sealed record OvirtRole
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Administrative { get; init; }
}
