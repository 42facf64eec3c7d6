using RhvDr.Core.Replication;

namespace RhvDr.Core.Recovery;

/// <summary>A replicated storage domain a run moves: its name at each side, and where its volume is presented at the target.</summary>
/// <param name="Id">The domain id (kept by the replica); null when only the mapping's names are known.</param>
public sealed record RecoveryDomain(string? Id, string SourceName, string TargetName, string StorageType, bool IsMaster, VolumeEndpoint? Target)
{
    public bool IsBlock => StorageType is "iscsi" or "fcp";
}
