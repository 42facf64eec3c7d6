using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>What an Overview site card shows, computed from one site snapshot at a moment.</summary>
public sealed record SiteCardViewModel(
    SiteSnapshot Snapshot,
    string EngineStatus,
    HealthLevel EngineLevel,
    string? EngineMessage,
    string LastData,
    bool IsStale)
{
    /// <summary>Data older than this while the engine is connected is flagged stale too (a stuck poller).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public SiteDescriptor Site => Snapshot.Site;

    public SiteHealth Health => Snapshot.Health;

    public static SiteCardViewModel From(SiteSnapshot site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(site);
        var engine = site.Engine;
        var connected = engine.Status == EngineConnectionStatus.Connected;
        var stale = !connected && engine.Status != EngineConnectionStatus.Unknown
            || engine.LastSuccess is { } last && now - last > StaleAfter;
        var lastData = engine.LastSuccess is null ? "no data yet" : $"last data {DisplayFormat.Ago(engine.LastSuccess, now)}";
        return new SiteCardViewModel(
            site,
            EngineStatusText.For(engine.Status),
            EngineStatusText.LevelFor(engine.Status),
            connected ? null : engine.Message,
            lastData,
            stale);
    }

    /// <summary>Primary first, then recovery, then by name.</summary>
    public static IReadOnlyList<SiteCardViewModel> ForAll(InventorySnapshot all, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(all);
        return all.Sites
            .OrderBy(s => s.Site.Role)
            .ThenBy(s => s.Site.Name, StringComparer.Ordinal)
            .Select(s => From(s, now))
            .ToList();
    }
}
