namespace RhvDr.Core.Sites;

/// <summary>One replicated volume pair behind a storage domain, as the storage array reports it.</summary>
/// <param name="Id">The array's id for the pair.</param>
/// <param name="DomainName">The primary storage domain the pair carries.</param>
/// <param name="SourceSite">Site whose volume is read-write (the replication source).</param>
/// <param name="TargetSite">Site that receives the copy.</param>
/// <param name="Mode">sync or async.</param>
/// <param name="State">replicating, split, broken, promoted, resyncing.</param>
/// <param name="IntervalSeconds">Async replication interval; 0 for sync.</param>
/// <param name="LagSeconds">How far the target is behind the source now.</param>
/// <param name="LastSync">When the target last matched the source.</param>
public sealed record ReplicationPairStatus(
    string Id,
    string DomainName,
    string SourceSite,
    string TargetSite,
    string Mode,
    string State,
    int IntervalSeconds,
    double LagSeconds,
    DateTimeOffset? LastSync)
{
    public HealthLevel Health => HealthRules.ForReplication(State, IntervalSeconds, LagSeconds);
}
