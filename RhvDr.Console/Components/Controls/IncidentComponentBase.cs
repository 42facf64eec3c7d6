using Microsoft.AspNetCore.Components;
using RhvDr.Core.Incidents;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A component that renders from the incident board as well as the inventory: subscribes to both, re-renders once per
/// coalesced change, and disposes both subscriptions with the component.
/// </summary>
public abstract class IncidentComponentBase : InventoryComponentBase
{
    private IncidentSubscription? _incidents;

    [Inject]
    public required IIncidentStore IncidentStore { get; init; }

    protected IncidentBoard Board { get; private set; } = IncidentBoard.Empty;

    protected override void OnInitialized()
    {
        _incidents = IncidentStore.Subscribe();
        Board = _incidents.Board;
        OnBoardChanged(Board);
        base.OnInitialized();
        _ = ReadBoardAsync(_incidents, ComponentStopping);
    }

    /// <summary>Called on the renderer's context before rendering a new board.</summary>
    protected virtual void OnBoardChanged(IncidentBoard board)
    {
    }

    private async Task ReadBoardAsync(IncidentSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var board in subscription.ReadChangesAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Board = board;
                    OnBoardChanged(board);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _incidents?.Dispose();
        }
        base.Dispose(disposing);
    }
}
