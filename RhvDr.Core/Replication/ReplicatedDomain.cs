namespace RhvDr.Core.Replication;

/// <summary>A storage domain whose volume a replication operation concerns.</summary>
public sealed record ReplicatedDomain(string? Id, string Name);
