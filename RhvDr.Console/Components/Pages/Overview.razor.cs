using Microsoft.AspNetCore.Components;
using RhvDr.Console.Components.Controls;
using RhvDr.Console.Model;
using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Pages;

public partial class Overview
{
    // Ages ("last data 3 min ago") must keep moving while no new snapshot arrives, e.g. when a poller is stuck.
    private static readonly TimeSpan AgeRefresh = TimeSpan.FromSeconds(10);

    private IReadOnlyList<SiteCardViewModel> _cards = [];
    private IReadOnlyList<ReplicationPairStatus> _pairs = [];

    [Inject]
    public required IServiceProvider Services { get; init; }

    private TimeProvider Time => Services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        ComponentLoop.Start(RefreshAgesAsync, ComponentStopping, DispatchExceptionAsync);
    }

    protected override void OnSnapshotChanged(InventorySnapshot snapshot) => Rebuild();

    protected override void OnBoardChanged(IncidentBoard board) => Rebuild();

    private void Rebuild()
    {
        _cards = SiteCardViewModel.ForAll(Snapshot, Time.GetUtcNow(), SiteFreshness.PollInterval(Services), Board.Open);
        _pairs = ReplicationViewModel.Pairs(Snapshot);
    }

    private async Task RefreshAgesAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(AgeRefresh, Time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Rebuild();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
