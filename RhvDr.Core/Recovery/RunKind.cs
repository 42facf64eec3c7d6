namespace RhvDr.Core.Recovery;

/// <summary>
/// What a run does. Active/Passive: fail over to the recovery site, fail back, test failover on copies, or clean a test up.
/// Active/Active: evacuate one site of the stretch cluster (hosts to maintenance, VMs live-migrated away), or return to it.
/// </summary>
public enum RunKind
{
    Failover,
    Failback,
    Test,
    Cleanup,
    Evacuate,
    Return,
}
