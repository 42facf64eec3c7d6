using System.Text.Json.Serialization;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Mapping;

/// <summary>A storage domain as mapping validation and generation need it.</summary>
/// <param name="Type">data, export or iso.</param>
/// <param name="StorageType">nfs, iscsi, fcp, glusterfs, posixfs.</param>
/// <param name="DataCenter">The data center it is attached to; null when unattached (as a replica at the recovery site is).</param>
/// <param name="Status">active, maintenance, unattached, ...</param>
public sealed record MappingStorageDomain(string Id, string Name, string Type, string StorageType, string? DataCenter, string? Status = null)
{
    public bool IsMaster { get; init; }

    public bool IsHostedEngine { get; init; }

    public string? Address { get; init; }

    public string? Path { get; init; }

    public int? Port { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    public string? VfsType { get; init; }

    public string? MountOptions { get; init; }

    public bool? WipeAfterDelete { get; init; }

    public bool? Backup { get; init; }

    public bool? DiscardAfterDelete { get; init; }

    public int? CriticalSpaceActionBlocker { get; init; }

    public int? WarningLowSpace { get; init; }

    /// <summary><see cref="Status"/> as a value (see <see cref="EngineStatusWords"/>); null when it is not known.</summary>
    [JsonIgnore]
    public StorageDomainStatus? State => EngineStatusWords.ParseOptional<StorageDomainStatus>(Status);

    public bool IsAttached => DataCenter is not null && State != StorageDomainStatus.Unattached;

    /// <summary>hosted_storage by name as the role checks, or flagged by the engine.</summary>
    public bool IsHostedEngineStorage => IsHostedEngine || string.Equals(Name, MappingValidator.HostedStorageName, StringComparison.Ordinal);
}
