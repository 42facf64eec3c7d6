namespace RhvDr.Core.Security;

/// <summary>What a person may do. Ranked: each role may do everything the roles below it may.</summary>
public enum Role
{
    /// <summary>Reads everything and exports reports (managers).</summary>
    Viewer = 1,

    /// <summary>Runs test failover, planned and disaster failover, failback; acknowledges incidents.</summary>
    Operator = 2,

    /// <summary>Manages sites, engine credentials, the DR mapping, users and API tokens.</summary>
    Administrator = 3,
}
