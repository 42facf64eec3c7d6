namespace RhvDr.Core.Configuration;

/// <summary>How the site pair is built (<c>RhvDr:Topology</c>).</summary>
public enum DrTopology
{
    /// <summary>An engine per site; storage replicated primary → recovery; failover is a run.</summary>
    ActivePassive,

    /// <summary>One engine, one stretch cluster with hosts at both sites; storage writeable at both; HA VMs restart by themselves.</summary>
    ActiveActive,
}
