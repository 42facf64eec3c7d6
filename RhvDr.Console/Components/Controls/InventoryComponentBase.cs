using Microsoft.AspNetCore.Components;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A component that renders from the inventory store: subscribes on init, re-renders once per coalesced
/// change (the store's ~100 ms minimum interval), and cancels its reader and disposes the subscription with the component.
/// </summary>
public abstract class InventoryComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private InventorySubscription? _subscription;
    private bool _disposed;

    [Inject]
    public required IInventoryStore InventoryStore { get; init; }

    /// <summary>The newest snapshot this component has seen.</summary>
    protected InventorySnapshot Snapshot { get; private set; } = InventorySnapshot.Empty;

    /// <summary>Cancelled when the component is disposed; for the component's own background loops.</summary>
    protected CancellationToken ComponentStopping => _stopping.Token;

    protected override void OnInitialized()
    {
        _subscription = InventoryStore.Subscribe();
        Snapshot = _subscription.Snapshot;
        OnSnapshotChanged(Snapshot);
        _ = ReadChangesAsync(_subscription, _stopping.Token);
    }

    /// <summary>Called on the renderer's context before rendering a new snapshot: recompute view models here.</summary>
    protected virtual void OnSnapshotChanged(InventorySnapshot snapshot)
    {
    }

    private async Task ReadChangesAsync(InventorySubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in subscription.ReadChangesAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Snapshot = snapshot;
                    OnSnapshotChanged(snapshot);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The component went away.
        }
        catch (Exception ex)
        {
            // One broken circuit must not break the store; the renderer reports it like any component error.
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (disposing)
        {
            _stopping.Cancel();
            _subscription?.Dispose();
            _stopping.Dispose();
        }
    }
}
