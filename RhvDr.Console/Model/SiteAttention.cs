using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>
/// Open incidents of a site that its inventory roll-up cannot see, such as VMs still down after an outage: a site whose
/// hosts are all up is not "All systems normal" while they are open. The Overview card and the app bar read it alike.
/// </summary>
public static class SiteAttention
{
    /// <summary>The open "still down" incidents of <paramref name="site"/>.</summary>
    public static IReadOnlyList<Incident> For(string site, IEnumerable<Incident> open) =>
        open.Where(i => i.IsOpen && i.Kind == IncidentKind.VmsStillDown && string.Equals(i.Site, site, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The roll-up's level, raised by the incidents.</summary>
    public static HealthLevel Level(SiteHealth health, IReadOnlyList<Incident> attention) =>
        attention.Aggregate(health.Level, (level, i) => HealthRules.Worst(level, i.Severity));

    /// <summary>The roll-up's line, or the incidents' titles when the roll-up says all is well.</summary>
    public static string Summary(SiteHealth health, IReadOnlyList<Incident> attention) =>
        attention.Count == 0 || health.Level > HealthLevel.Ok ? health.Summary : string.Join("; ", attention.Select(i => i.Title));
}
