using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Console.Model;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Controls;

/// <summary>One site on the Overview: engine connection, hosts, storage, VMs, HA and history.</summary>
public partial class SiteCard
{
    [Parameter, EditorRequired]
    public required SiteCardViewModel Model { get; set; }

    private string CardClass => $"site-card {HealthPresentation.CssFor(Model.Level)}{(Model.IsStale ? " stale" : string.Empty)}";

    // Numbers from the last known inventory are greyed so they never read as live.
    private string? StaleCss => Model.IsStale ? " stale-value" : null;

    private string RoleText => Model.Site.Role == SiteRole.Primary ? "Primary site" : "Recovery site";

    private string EngineIcon => Model.Snapshot.Engine.Status switch
    {
        EngineConnectionStatus.Connected => Icons.Material.Filled.CloudDone,
        EngineConnectionStatus.Unknown => Icons.Material.Filled.HourglassEmpty,
        _ => Icons.Material.Filled.CloudOff,
    };

    private IEnumerable<InventoryStorageDomain> DataDomains =>
        Model.Snapshot.Inventory.StorageDomains.Where(d => d.Type == "data").OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase);
}
