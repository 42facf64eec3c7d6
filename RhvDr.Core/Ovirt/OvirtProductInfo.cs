namespace RhvDr.Core.Ovirt;

/// <summary>The engine product and version from the API root.</summary>
public sealed record OvirtProductInfo
{
    public string? Name { get; init; }

    public string? Vendor { get; init; }

    public OvirtVersion? Version { get; init; }
}
