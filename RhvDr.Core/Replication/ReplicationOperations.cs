namespace RhvDr.Core.Replication;

/// <summary>What a run asks of the storage replication, by name (also the keys of <c>RhvDr:Recovery:Commands</c>).</summary>
public static class ReplicationOperations
{
    /// <summary>Ship the source's last changes to the replica now (planned runs, before the split).</summary>
    public const string Sync = "sync";

    /// <summary>Stop replication, make the target copies read-write and (planned) the source copies read-only.</summary>
    public const string Failover = "failover";

    /// <summary>Make the request's source the replication source again (after a failover: DR → primary, or re-protect primary → DR).</summary>
    public const string Reverse = "reverse";

    /// <summary>Writeable snapshots of the replicas at the target, for a test failover; replication continues.</summary>
    public const string TestCopy = "testcopy";

    /// <summary>Drop the test snapshots.</summary>
    public const string RemoveTestCopy = "removetestcopy";

    public static IReadOnlyList<string> All { get; } = [Sync, Failover, Reverse, TestCopy, RemoveTestCopy];
}
