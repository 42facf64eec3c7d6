namespace RhvDr.Core.Recovery;

/// <summary>What a run does: fail over to the recovery site, fail back, test failover on copies, or clean a test up.</summary>
public enum RunKind
{
    Failover,
    Failback,
    Test,
    Cleanup,
}
