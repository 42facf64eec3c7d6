using RhvDr.Core.Incidents;

namespace RhvDr.Console.Api;

/// <summary>The HA restart tracker with its counts; <see cref="AwaitingFailover"/>: Active/Passive VMs only a failover brings back.</summary>
public sealed record HaRestartDto(
    bool Active,
    IReadOnlyList<string> LostSites,
    DateTimeOffset? Since,
    int Restarted,
    int Pending,
    int Failed,
    int ManualAction,
    int AwaitingFailover,
    IReadOnlyList<HaRestartVm> Vms);
