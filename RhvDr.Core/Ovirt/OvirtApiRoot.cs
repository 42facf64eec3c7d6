namespace RhvDr.Core.Ovirt;

/// <summary><c>GET /ovirt-engine/api</c>: proves the API answers and says which engine it is.</summary>
public sealed record OvirtApiRoot
{
    public OvirtProductInfo? ProductInfo { get; init; }

    public DateTimeOffset? Time { get; init; }

    public OvirtRef? AuthenticatedUser { get; init; }
}
