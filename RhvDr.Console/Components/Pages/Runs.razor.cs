using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Console.Components.Controls;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Pages;

public partial class Runs : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<RecoveryRun> _runs = [];

    [Inject]
    public required IRecoveryRunner Runner { get; init; }

    [Inject]
    public required IInventoryStore Inventory { get; init; }

    private string SiteOf(string id) => SiteName.Of(Inventory.Current.Sites.Select(s => s.Site), id);

    public static Color StatusColor(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Waiting or RunStatus.Interrupted or RunStatus.AwaitingApproval => Color.Warning,
        RunStatus.Running or RunStatus.Pending => Color.Info,
        _ => Color.Default,
    };

    protected override async Task OnInitializedAsync()
    {
        _runs = await Runner.ListAsync(100, _stopping.Token);
        ComponentLoop.Start(RefreshAsync, _stopping.Token, DispatchExceptionAsync);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Refresh);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var runs = await Runner.ListAsync(100, cancellationToken);
                await InvokeAsync(() =>
                {
                    _runs = runs;
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
