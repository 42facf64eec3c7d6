using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>How incidents look and link the same way on every page, the wall and the API.</summary>
public static class IncidentPresentation
{
    /// <summary>The run wizard with the run filled in, e.g. <c>/runs/new?kind=failover&amp;mode=disaster&amp;source=primary</c>.</summary>
    public static string? LinkFor(SuggestedRun? run) =>
        run is null ? null : $"/runs/new?kind={Uri.EscapeDataString(run.Kind)}&mode={Uri.EscapeDataString(run.Mode)}&source={Uri.EscapeDataString(run.Source)}";

    /// <summary>The incident's site by its display name; an incident of the stretch engine names its sites joined by commas.</summary>
    public static string SitesText(InventorySnapshot inventory, string site)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(site);
        var sites = inventory.Sites.Select(s => s.Site).ToList();
        return string.Join(", ", site.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => SiteName.Of(sites, id)));
    }

    /// <summary>
    /// A timeline entry without the incident's current detail, which the page shows once above it: an engine's error sentence
    /// appears once per page. Entries that recorded another detail keep it.
    /// </summary>
    public static string TimelineText(Incident incident, IncidentTimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(entry);
        var repeated = $": {incident.Detail}";
        return incident.Detail.Length > 0 && entry.Text.EndsWith(repeated, StringComparison.Ordinal) && entry.Text.Length > repeated.Length
            ? entry.Text[..^repeated.Length]
            : entry.Text;
    }

    public static string KindLabel(IncidentKind kind) => kind switch
    {
        IncidentKind.EngineUnreachable => "Engine unreachable",
        IncidentKind.SiteDown => "Site down",
        IncidentKind.HostNonResponsive => "Host not responding",
        IncidentKind.StorageDomainInactive => "Storage inactive",
        IncidentKind.ReplicationBroken => "Replication broken",
        IncidentKind.ReplicationLagging => "Replication lagging",
        IncidentKind.VmsDown => "VMs not running",
        IncidentKind.VmsStillDown => "VMs still down",
        _ => kind.ToString(),
    };

    public static string StateLabel(HaRestartState state) => state switch
    {
        HaRestartState.Restarted => "Restarted",
        HaRestartState.Pending => "Pending",
        HaRestartState.Failed => "Failed",
        HaRestartState.ManualAction => "Manual action",
        HaRestartState.AwaitingFailover => "Awaits failover",
        _ => state.ToString(),
    };

    public static HealthLevel LevelFor(HaRestartState state) => state switch
    {
        HaRestartState.Restarted => HealthLevel.Ok,
        HaRestartState.Pending or HaRestartState.AwaitingFailover => HealthLevel.Warning,
        _ => HealthLevel.Critical,
    };

    /// <summary>"3 min" style age of an incident.</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours} h"
            : $"{(int)age.TotalDays} d";
    }
}
