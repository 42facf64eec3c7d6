namespace RhvDr.Core.State;

/// <summary>Where the DR pair stands as a whole, most urgent first when several apply.</summary>
public enum DrStateKind
{
    /// <summary>Both sites healthy, production where it belongs, nothing open.</summary>
    Normal,

    /// <summary>Something is open (an incident, a failed run) but production is not lost.</summary>
    Degraded,

    /// <summary>The site production runs at is lost.</summary>
    SiteLost,

    /// <summary>A failover (or Active/Active evacuation) is under way.</summary>
    FailoverRunning,

    /// <summary>A test failover runs, or its copies still run at the recovery site and need cleaning up.</summary>
    TestActive,

    /// <summary>A failover succeeded: production runs at the recovery site on purpose until a failback.</summary>
    RunningAtRecovery,

    /// <summary>A failback (or Active/Active return) is under way.</summary>
    FailbackRunning,
}
