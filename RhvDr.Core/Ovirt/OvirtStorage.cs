namespace RhvDr.Core.Ovirt;

/// <summary>Where a storage domain lives: type (nfs, iscsi, fcp, ...) and, for file domains, address and path.</summary>
public sealed record OvirtStorage
{
    public string? Type { get; init; }

    public string? Address { get; init; }

    public string? Path { get; init; }

    public int? Port { get; init; }
}
