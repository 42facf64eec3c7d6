using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>A storage domain; from <c>/datacenters/{id}/storagedomains</c> its status is the attached status.</summary>
public sealed record OvirtStorageDomain
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Status { get; init; }

    /// <summary><see cref="Status"/> as a value (see <see cref="EngineStatusWords"/>); null when the engine sent none.</summary>
    [JsonIgnore]
    public StorageDomainStatus? StatusValue => EngineStatusWords.ParseOptional<StorageDomainStatus>(Status);

    public string? ExternalStatus { get; init; }

    public bool? Master { get; init; }

    public OvirtStorage? Storage { get; init; }

    public long? Available { get; init; }

    public long? Used { get; init; }

    public long? Committed { get; init; }

    public OvirtCollection<OvirtRef>? DataCenters { get; init; }

    public OvirtRef? DataCenter { get; init; }

    public string? StorageFormat { get; init; }
}
