using RhvDr.Core.Sites;

namespace RhvDr.Console.Api;

/// <summary>One site as <c>GET /api/sites</c> answers it.</summary>
public sealed record SiteSummaryDto(
    string Name,
    string DisplayName,
    SiteRole Role,
    bool IsLab,
    EngineDto Engine,
    HealthLevel Health,
    string Summary,
    DateTimeOffset? InventoryCollectedAt,
    CountsDto Hosts,
    CountsDto StorageDomains,
    CountsDto Vms,
    HaDto HighAvailability,
    IReadOnlyList<ReplicationPairStatus> Replication)
{
    public static SiteSummaryDto From(SiteSnapshot snapshot)
    {
        var health = snapshot.Health;
        return new SiteSummaryDto(
            snapshot.Site.Name,
            SiteName.Of(snapshot.Site),
            snapshot.Site.Role,
            snapshot.Site.IsEmbedded,
            EngineDto.From(snapshot.Site, snapshot.Engine),
            health.Level,
            health.Summary,
            snapshot.Inventory.CollectedAt == DateTimeOffset.MinValue ? null : snapshot.Inventory.CollectedAt,
            new CountsDto(health.HostsUp, health.HostsTotal, ToDictionary(health.HostsByStatus), health.ProblemHosts),
            new CountsDto(health.DomainsActive, health.DomainsTotal, ToDictionary(health.DomainsByStatus), health.ProblemDomains),
            new CountsDto(health.VmsUp, health.VmsTotal, ToDictionary(health.VmsByStatus), []),
            new HaDto(health.HaVms, health.HaVmsUp, Math.Round(health.HaCoverage, 3)),
            snapshot.Replication);
    }

    private static Dictionary<string, int> ToDictionary(IReadOnlyList<StatusCount> counts) =>
        counts.ToDictionary(c => c.Status, c => c.Count, StringComparer.Ordinal);
}
