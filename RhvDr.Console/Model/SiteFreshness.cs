using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>
/// Whether a site's numbers are live or the last known inventory, and how old they are. Overview's site cards and the
/// wall, the app bar's site chips and the inventory grids all ask here, so a lost site reads the same everywhere: greyed
/// numbers, neutral chips, "last known, 2 min ago".
/// </summary>
/// <param name="IsStale">The engine is not answering, or the last good poll is older than <see cref="StaleAfter"/>.</param>
/// <param name="Age">Time since the last good poll; null before the first one.</param>
/// <param name="LastKnown">"last known, 2 min ago" when stale with data; null otherwise.</param>
public sealed record SiteFreshness(bool IsStale, TimeSpan? Age, string? LastKnown)
{
    /// <summary>Shortest age that counts as stale, so one slow poll of a large engine does not grey a live site.</summary>
    public static readonly TimeSpan MinimumStaleAge = TimeSpan.FromSeconds(10);

    /// <summary>The age past which data of a connected engine is stale: one poll missed (two intervals), at least <see cref="MinimumStaleAge"/>.</summary>
    public static TimeSpan StaleAfter(TimeSpan pollInterval)
    {
        var twoPolls = pollInterval * 2;
        return twoPolls > MinimumStaleAge ? twoPolls : MinimumStaleAge;
    }

    /// <param name="site">The site as the inventory store holds it.</param>
    /// <param name="now">The moment the page renders.</param>
    /// <param name="pollInterval">RhvDr:PollInterval.</param>
    public static SiteFreshness For(SiteSnapshot site, DateTimeOffset now, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(site);
        var engine = site.Engine;
        var unreachable = engine.Status is not (EngineConnectionStatus.Connected or EngineConnectionStatus.Unknown);
        if (engine.LastSuccess is not { } last)
        {
            return new SiteFreshness(unreachable, null, null);
        }
        var age = now - last;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }
        var stale = unreachable || age > StaleAfter(pollInterval);
        return new SiteFreshness(stale, age, stale ? $"last known, {DisplayFormat.Ago(last, now)}" : null);
    }

    /// <summary>The freshness of every site in <paramref name="snapshot"/>, by site name.</summary>
    public static IReadOnlyDictionary<string, SiteFreshness> ForAll(InventorySnapshot snapshot, DateTimeOffset now, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Sites.ToDictionary(s => s.Site.Name, s => For(s, now, pollInterval), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>RhvDr:PollInterval as configured, or its default where the options are not registered.</summary>
    public static TimeSpan PollInterval(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return (services.GetService(typeof(IOptions<RhvDrOptions>)) as IOptions<RhvDrOptions>)?.Value.PollInterval
            ?? new RhvDrOptions().PollInterval;
    }
}
