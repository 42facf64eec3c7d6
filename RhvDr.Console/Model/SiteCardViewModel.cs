using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>What an Overview site card shows, computed from one site snapshot at a moment.</summary>
public sealed record SiteCardViewModel(
    SiteSnapshot Snapshot,
    string EngineStatus,
    HealthLevel EngineLevel,
    string? EngineMessage,
    string LastData,
    SiteFreshness Freshness)
{
    /// <summary>The numbers are the last known inventory, not live (<see cref="SiteFreshness"/>).</summary>
    public bool IsStale => Freshness.IsStale;

    public SiteDescriptor Site => Snapshot.Site;

    public SiteHealth Health => Snapshot.Health;

    /// <summary>Open incidents of this site that the inventory roll-up cannot see (<see cref="SiteAttention"/>).</summary>
    public IReadOnlyList<Incident> Attention { get; init; } = [];

    /// <summary>The card's level: the roll-up, raised by <see cref="Attention"/>.</summary>
    public HealthLevel Level => SiteAttention.Level(Health, Attention);

    /// <summary>The card's one line: the roll-up's, or the incidents the roll-up cannot see when it says all is well.</summary>
    public string Summary => SiteAttention.Summary(Health, Attention);

    /// <param name="pollInterval">RhvDr:PollInterval; data older than a missed poll is shown as the last known.</param>
    public static SiteCardViewModel From(SiteSnapshot site, DateTimeOffset now, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(site);
        var engine = site.Engine;
        var connected = engine.Status == EngineConnectionStatus.Connected;
        var lastData = engine.LastSuccess is null ? "no data yet" : $"last data {DisplayFormat.Ago(engine.LastSuccess, now)}";
        return new SiteCardViewModel(
            site,
            EngineStatusText.For(engine.Status),
            EngineStatusText.LevelFor(engine.Status),
            connected ? null : engine.Message,
            lastData,
            SiteFreshness.For(site, now, pollInterval));
    }

    /// <summary>Primary first, then recovery, then by name.</summary>
    /// <param name="open">Open incidents; those about VMs still down after an outage show on their site's card.</param>
    /// <param name="pollInterval">RhvDr:PollInterval.</param>
    public static IReadOnlyList<SiteCardViewModel> ForAll(InventorySnapshot all, DateTimeOffset now, TimeSpan pollInterval, IEnumerable<Incident>? open = null)
    {
        ArgumentNullException.ThrowIfNull(all);
        var incidents = (open ?? []).ToList();
        return all.Sites
            .OrderBy(s => s.Site.Role)
            .ThenBy(s => s.Site.Name, StringComparer.Ordinal)
            .Select(s => From(s, now, pollInterval) with { Attention = SiteAttention.For(s.Site.Name, incidents) })
            .ToList();
    }
}
