using Microsoft.AspNetCore.Components;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A component that renders from the inventory store: subscribes on init and re-renders once per coalesced
/// change (the store's ~100 ms minimum interval).
/// </summary>
public abstract class InventoryComponentBase : LiveComponentBase
{
    [Inject]
    public required IInventoryStore InventoryStore { get; init; }

    /// <summary>The newest snapshot this component has seen.</summary>
    protected InventorySnapshot Snapshot { get; private set; } = InventorySnapshot.Empty;

    protected override void OnInitialized()
    {
        var subscription = InventoryStore.Subscribe();
        Snapshot = subscription.Snapshot;
        OnSnapshotChanged(Snapshot);
        Follow(subscription, snapshot =>
        {
            Snapshot = snapshot;
            OnSnapshotChanged(snapshot);
            return Task.CompletedTask;
        });
    }

    /// <summary>Called on the renderer's context before rendering a new snapshot: recompute view models here.</summary>
    protected virtual void OnSnapshotChanged(InventorySnapshot snapshot)
    {
    }
}
