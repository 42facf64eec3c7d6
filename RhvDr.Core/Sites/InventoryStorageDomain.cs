using System.Text.Json.Serialization;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Sites;

/// <summary>A storage domain as the engine reports it; <see cref="State"/> comes from the data center it is attached to.</summary>
/// <param name="Type">data, export, iso, image.</param>
/// <param name="StorageType">nfs, iscsi, fcp, glusterfs, posixfs.</param>
/// <param name="State">Active, Maintenance, Unattached, ...</param>
/// <param name="ExternalStatus">ok, info, warning, error, failure.</param>
/// <param name="LastRequestedOvfUpdate">
/// The last OVF store update a user asked for (the engine's USER_UPDATE_OVF_STORE event); null when the engine's audit log shows
/// none. The engine records no time for its own scheduled updates.
/// </param>
public sealed record InventoryStorageDomain(
    [property: JsonPropertyOrder(-2)] string Id,
    [property: JsonPropertyOrder(-2)] string Name,
    [property: JsonPropertyOrder(-2)] string Type,
    [property: JsonPropertyOrder(-2)] string StorageType,
    [property: JsonIgnore] StorageDomainStatus State,
    string? ExternalStatus,
    bool IsMaster,
    bool IsHostedEngineStorage,
    string? DataCenterName,
    long AvailableBytes,
    long UsedBytes,
    long CommittedBytes,
    string? Address,
    string? Path,
    DateTimeOffset? LastRequestedOvfUpdate)
{
    /// <summary>The engine's word for <see cref="State"/> (<c>active</c>, <c>maintenance</c>, ...), as pages and the API show it;
    /// the JSON keeps it where the API has always sent it.</summary>
    [JsonPropertyOrder(-1)]
    public string Status => EngineStatusWords.ToWord(State);

    public long TotalBytes => AvailableBytes + UsedBytes;

    /// <summary>Used share of the domain, 0 to 1.</summary>
    public double UsedFraction => TotalBytes <= 0 ? 0 : (double)UsedBytes / TotalBytes;

    public HealthLevel Health => HealthRules.ForStorageDomain(State, ExternalStatus, UsedFraction);
}
