namespace RhvDr.Core.Replication;

/// <summary>A replicated volume (one storage domain) as the array reports it, with where it is presented at each site.</summary>
public sealed record ReplicatedVolume(
    string DomainId,
    string DomainName,
    string StorageType,
    string SourceSite,
    string TargetSite,
    string State,
    bool TestCopy,
    DateTimeOffset? LastSync,
    IReadOnlyDictionary<string, VolumeEndpoint> Endpoints);
