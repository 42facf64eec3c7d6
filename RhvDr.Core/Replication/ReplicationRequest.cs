namespace RhvDr.Core.Replication;

/// <summary>One replication operation (<see cref="ReplicationOperations"/>) between two sites for some domains.</summary>
public sealed record ReplicationRequest(string Operation, string SourceSite, string TargetSite, bool Planned, IReadOnlyList<ReplicatedDomain> Domains)
{
    public string VolumeNames => string.Join(", ", Domains.Select(d => d.Name));
}
