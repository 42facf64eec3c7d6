using Microsoft.AspNetCore.Components;
using RhvDr.Core.Incidents;

namespace RhvDr.Console.Components.Controls;

/// <summary>A component that renders from the incident board as well as the inventory, re-rendering once per coalesced change of either.</summary>
public abstract class IncidentComponentBase : InventoryComponentBase
{
    [Inject]
    public required IIncidentStore IncidentStore { get; init; }

    protected IncidentBoard Board { get; private set; } = IncidentBoard.Empty;

    protected override void OnInitialized()
    {
        var subscription = IncidentStore.Subscribe();
        Board = subscription.Board;
        OnBoardChanged(Board);
        base.OnInitialized();
        Follow(subscription, board =>
        {
            Board = board;
            OnBoardChanged(board);
            return Task.CompletedTask;
        });
    }

    /// <summary>Called on the renderer's context before rendering a new board.</summary>
    protected virtual void OnBoardChanged(IncidentBoard board)
    {
    }
}
