using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Sites;

/// <summary>A site's roll-up: the numbers the Overview and <c>/api/sites</c> show.</summary>
public sealed record SiteHealth(
    HealthLevel Level,
    string Summary,
    int HostsUp,
    int HostsTotal,
    IReadOnlyList<string> ProblemHosts,
    int DomainsActive,
    int DomainsTotal,
    IReadOnlyList<string> ProblemDomains,
    int VmsUp,
    int VmsTotal,
    IReadOnlyList<StatusCount> VmsByStatus,
    IReadOnlyList<StatusCount> HostsByStatus,
    IReadOnlyList<StatusCount> DomainsByStatus,
    int HaVms,
    int HaVmsUp,
    HealthLevel ReplicationLevel)
{
    /// <summary>Share of running VMs that are highly available, 0 to 1.</summary>
    public double HaCoverage => VmsUp == 0 ? 0 : (double)HaVmsUp / VmsUp;

    public static SiteHealth From(EngineState engine, SiteInventory inventory, IReadOnlyList<ReplicationPairStatus> replication)
    {
        var hosts = inventory.Hosts;
        var domains = inventory.StorageDomains.Where(d => d.Type is "data").ToList();
        var vms = inventory.Vms;

        var problemHosts = hosts.Where(h => h.Health >= HealthLevel.Warning).Select(h => $"{h.Name} ({h.Status})").ToList();
        var problemDomains = domains.Where(d => d.Health >= HealthLevel.Warning).Select(d => $"{d.Name} ({d.Status})").ToList();
        var hostsUp = hosts.Count(h => h.State == HostStatus.Up);
        var domainsActive = domains.Count(d => d.State == StorageDomainStatus.Active);
        var vmsUp = vms.Count(v => v.State == VmStatus.Up);
        var haVms = vms.Count(v => v.HighlyAvailable);
        var haVmsUp = vms.Count(v => v.HighlyAvailable && v.State == VmStatus.Up);
        var replicationLevel = replication.Aggregate(HealthLevel.Ok, (level, p) => HealthRules.Worst(level, p.Health));

        var level = engine.Status switch
        {
            EngineConnectionStatus.Unknown => HealthLevel.Unknown,
            EngineConnectionStatus.Connected => HealthLevel.Ok,
            _ => HealthLevel.Critical,
        };
        if (engine.Status == EngineConnectionStatus.Connected)
        {
            level = HealthRules.Worst(level, RollUp(hosts.Count, problemHosts.Count, hosts.Count(h => h.Health == HealthLevel.Critical)));
            level = HealthRules.Worst(level, RollUp(domains.Count, problemDomains.Count, domains.Count(d => d.Health == HealthLevel.Critical)));
            level = HealthRules.Worst(level, vms.Any(v => v.Health == HealthLevel.Critical) ? HealthLevel.Warning : HealthLevel.Ok);
            level = HealthRules.Worst(level, replicationLevel);
        }

        var summary = engine.Status switch
        {
            EngineConnectionStatus.Unknown => "Waiting for the first poll",
            EngineConnectionStatus.Connected when level == HealthLevel.Ok => "All systems normal",
            EngineConnectionStatus.Connected => string.Join("; ", Problems(problemHosts.Count, problemDomains.Count, replicationLevel)),
            EngineConnectionStatus.AuthenticationFailed => "Authentication failed",
            EngineConnectionStatus.Unreachable => "Engine unreachable",
            _ => "Engine fault",
        };

        return new SiteHealth(
            level,
            summary,
            hostsUp,
            hosts.Count,
            problemHosts,
            domainsActive,
            domains.Count,
            problemDomains,
            vmsUp,
            vms.Count,
            CountBy(vms.Select(v => (v.Status, v.Health))),
            CountBy(hosts.Select(h => (h.Status, h.Health))),
            CountBy(domains.Select(d => (d.Status, d.Health))),
            haVms,
            haVmsUp,
            replicationLevel);
    }

    // Any critical object makes the site a warning; losing a third or more of a kind makes it critical.
    private static HealthLevel RollUp(int total, int problems, int critical) =>
        total > 0 && critical * 3 >= total ? HealthLevel.Critical
        : problems > 0 ? HealthLevel.Warning
        : HealthLevel.Ok;

    private static IEnumerable<string> Problems(int hosts, int domains, HealthLevel replication)
    {
        if (hosts > 0)
        {
            yield return hosts == 1 ? "1 host needs attention" : $"{hosts} hosts need attention";
        }
        if (domains > 0)
        {
            yield return domains == 1 ? "1 storage domain needs attention" : $"{domains} storage domains need attention";
        }
        if (replication >= HealthLevel.Warning)
        {
            yield return "replication degraded";
        }
        if (hosts == 0 && domains == 0 && replication < HealthLevel.Warning)
        {
            yield return "VMs need attention";
        }
    }

    private static IReadOnlyList<StatusCount> CountBy(IEnumerable<(string Status, HealthLevel Health)> items) =>
        items.GroupBy(i => i.Status, StringComparer.Ordinal)
            .Select(g => new StatusCount(g.Key, g.Count(), g.First().Health))
            .OrderByDescending(c => c.Count)
            .ToList();
}
