using MudBlazor;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>
/// What the app bar's chip of a site says: "Prod: OK" while its data is live; "Prod: last known, 2 min ago" (and
/// the engine's status, e.g. "unreachable", when it does not answer) while the numbers are the last known inventory.
/// </summary>
/// <param name="Text">The chip's words.</param>
/// <param name="IsStale">The chip is neutral: its level comes from the last known inventory.</param>
/// <param name="Icon">An icon that says why the data is old, or null.</param>
public sealed record SiteChipText(string Text, bool IsStale, string? Icon)
{
    public static SiteChipText For(SiteSnapshot site, HealthLevel level, SiteFreshness? freshness)
    {
        ArgumentNullException.ThrowIfNull(site);
        var name = SiteName.Of(site.Site);
        if (freshness is not { IsStale: true, LastKnown: { } lastKnown })
        {
            // Live data, or no data at all yet: the level says it.
            return new SiteChipText($"{name}: {HealthPresentation.LabelFor(level)}", false, null);
        }
        var answering = site.Engine.Status is EngineConnectionStatus.Connected or EngineConnectionStatus.Unknown;
        return answering
            ? new SiteChipText($"{name}: {lastKnown}", true, Icons.Material.Filled.Schedule)
            : new SiteChipText($"{name}: {EngineStatusText.For(site.Engine.Status).ToLowerInvariant()}, {lastKnown}", true, Icons.Material.Filled.CloudOff);
    }
}
