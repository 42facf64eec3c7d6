namespace RhvDr.Core.Ovirt;

/// <summary>A LUN as a host sees it (iSCSI address, port and target; FCP has none), or as a direct LUN disk or block domain uses it.</summary>
public sealed record OvirtLogicalUnit
{
    public string? Id { get; init; }

    public string? Address { get; init; }

    public int? Port { get; init; }

    public string? Target { get; init; }

    public string? Portal { get; init; }

    public long? Size { get; init; }

    /// <summary>Set when the LUN already backs a storage domain.</summary>
    public string? StorageDomainId { get; init; }
}
