namespace RhvDr.Core.Ovirt;

/// <summary>A logical network of a data center.</summary>
public sealed record OvirtNetwork
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public OvirtRef? DataCenter { get; init; }

    public OvirtVlan? Vlan { get; init; }
}
