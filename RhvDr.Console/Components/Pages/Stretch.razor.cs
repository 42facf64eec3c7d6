using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Pages;

public partial class Stretch
{
    private StretchClusterView _view = StretchClusterView.Empty;
    private StretchSiteMap? _map;

    [Inject]
    public required IOptions<RhvDrOptions> Options { get; init; }

    private bool IsActiveActive => Options.Value.Topology == DrTopology.ActiveActive;

    protected override void OnSnapshotChanged(InventorySnapshot snapshot)
    {
        if (!IsActiveActive)
        {
            return;
        }
        _map ??= new StretchSiteMap(Options.Value.Sites);
        _view = StretchClusterAnalyzer.Analyze(snapshot, _map);
    }
}
