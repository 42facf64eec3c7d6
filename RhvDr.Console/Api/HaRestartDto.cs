using RhvDr.Core.Incidents;

namespace RhvDr.Console.Api;

/// <summary>The HA restart tracker with its counts.</summary>
public sealed record HaRestartDto(
    bool Active,
    IReadOnlyList<string> LostSites,
    DateTimeOffset? Since,
    int Restarted,
    int Pending,
    int Failed,
    int ManualAction,
    IReadOnlyList<HaRestartVm> Vms);
