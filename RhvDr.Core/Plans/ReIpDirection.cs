namespace RhvDr.Core.Plans;

/// <summary>Which way a plan's re-IP rules apply: into the recovery subnets (failover, test failover) or back to the primary's (failback).</summary>
public enum ReIpDirection
{
    ToRecovery,
    ToPrimary,
}
