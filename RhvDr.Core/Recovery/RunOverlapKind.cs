namespace RhvDr.Core.Recovery;

/// <summary>Why an active run keeps another from running beside it (<see cref="RunConcurrency"/>).</summary>
public enum RunOverlapKind
{
    /// <summary>Both recover the same recovery plan: one run at a time per plan.</summary>
    SamePlan,

    /// <summary>One of them recovers the whole estate (no plan, or "all"): it holds every domain.</summary>
    WholeEstate,

    /// <summary>Two plans share storage domains (or one of them recovers every mapped domain, or its domains are not known).</summary>
    SharedDomains,
}
