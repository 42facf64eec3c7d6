namespace RhvDr.Core.Ovirt;

/// <summary>One entry of <c>GET /hosts/{id}/storage</c>: storage the host can see, with its LUNs.</summary>
public sealed record OvirtHostStorage
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public OvirtCollection<OvirtLogicalUnit>? LogicalUnits { get; init; }
}
