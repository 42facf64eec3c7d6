namespace RhvDr.Core.Ovirt;

/// <summary>An IP configuration or a reported address: address, netmask, gateway and version (<c>v4</c>, <c>v6</c>).</summary>
public sealed record OvirtIp
{
    public string? Address { get; init; }

    public string? Netmask { get; init; }

    public string? Gateway { get; init; }

    public string? Version { get; init; }
}
