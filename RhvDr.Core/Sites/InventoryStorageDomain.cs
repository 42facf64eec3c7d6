namespace RhvDr.Core.Sites;

/// <summary>A storage domain as the engine reports it; <see cref="Status"/> comes from the data center it is attached to.</summary>
/// <param name="Type">data, export, iso, image.</param>
/// <param name="StorageType">nfs, iscsi, fcp, glusterfs, posixfs.</param>
/// <param name="Status">active, maintenance, unattached, ...</param>
/// <param name="ExternalStatus">ok, info, warning, error, failure.</param>
/// <param name="LastRequestedOvfUpdate">
/// The last OVF store update a user asked for (the engine's USER_UPDATE_OVF_STORE event); null when the engine's audit log shows
/// none. The engine records no time for its own scheduled updates.
/// </param>
public sealed record InventoryStorageDomain(
    string Id,
    string Name,
    string Type,
    string StorageType,
    string Status,
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
    public long TotalBytes => AvailableBytes + UsedBytes;

    /// <summary>Used share of the domain, 0 to 1.</summary>
    public double UsedFraction => TotalBytes <= 0 ? 0 : (double)UsedBytes / TotalBytes;

    public HealthLevel Health => HealthRules.ForStorageDomain(Status, ExternalStatus, UsedFraction);
}
