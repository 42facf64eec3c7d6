using Microsoft.AspNetCore.Components;
using RhvDr.Core.Engines;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Pages.Admin;

/// <summary>Runs the engine check on request and shows each site's result; the check itself is Core's.</summary>
public sealed partial class EngineCheckPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private EngineCheckReport? _report;
    private bool _running;

    [Inject]
    public required IEngineChecker Checker { get; init; }

    [Inject]
    public required IInventoryStore Inventory { get; init; }

    // A configuration page: the site's id is what RhvDr:Sites and the check's output use, so it shows with the name.
    private string SiteLabel(string id) => SiteName.WithId(Inventory.Current.Sites.Select(s => s.Site), id);


    private async Task RunAsync()
    {
        if (_running)
        {
            return;
        }
        _running = true;
        try
        {
            _report = await Checker.CheckAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            _running = false;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
