namespace RhvDr.Core.Ovirt;

/// <summary>One permit of a role (<c>GET roles/{id}/permits</c>): an action group named in lower case, e.g. <c>create_storage_domain</c>.</summary>
public sealed record OvirtPermit
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool? Administrative { get; init; }
}
