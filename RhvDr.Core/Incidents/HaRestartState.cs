namespace RhvDr.Core.Incidents;

/// <summary>Where one VM of a lost site stands.</summary>
public enum HaRestartState
{
    /// <summary>Running again at a surviving site.</summary>
    Restarted,

    /// <summary>HA and not running yet: restarting, waiting for its lease to expire, or for its host to be fenced.</summary>
    Pending,

    /// <summary>HA, and the engine reported that it could not restart it.</summary>
    Failed,

    /// <summary>Not highly available: nothing restarts it; an operator must.</summary>
    ManualAction,

    /// <summary>
    /// Active/Passive: the VM ran at the lost site, whose engine alone could restart it. HA VMs of a lost Active/Passive site
    /// never restart at the other engine; the failover starts them there.
    /// </summary>
    AwaitingFailover,
}
