namespace RhvDr.Core.Sites;

/// <summary>A point in a site's health history, stored after every poll.</summary>
public sealed record HealthSample(
    string Site,
    DateTimeOffset Time,
    bool EngineReachable,
    HealthLevel Level,
    int HostsUp,
    int HostsTotal,
    int DomainsActive,
    int DomainsTotal,
    int VmsUp,
    int VmsTotal);
