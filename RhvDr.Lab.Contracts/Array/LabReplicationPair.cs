namespace RhvDr.Lab.Array;

/// <summary>
/// A replication pair as <c>GET /lab/array/pairs</c> answers it (camelCase JSON; lastSync ISO 8601), with where the array
/// presents the volume at each site (what a storage admin tells the DR operator for the mapping's secondary address, path and target).
/// </summary>
public sealed record LabReplicationPair(
    string Id,
    string DomainId,
    string DomainName,
    string StorageType,
    string SourceSite,
    string TargetSite,
    string Mode,
    string State,
    int IntervalSeconds,
    double LagSeconds,
    DateTimeOffset LastSync,
    bool TestCopy,
    IReadOnlyDictionary<string, ArrayEndpoint>? Endpoints = null);
