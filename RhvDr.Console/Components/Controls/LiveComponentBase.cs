using Microsoft.AspNetCore.Components;
using RhvDr.Core.Monitoring;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A component that follows live stores: each followed subscription re-renders it once per coalesced change, and the
/// readers are cancelled and the subscriptions disposed with the component.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<IDisposable> _subscriptions = [];
    private bool _disposed;

    /// <summary>Cancelled when the component is disposed; for the component's own background loops.</summary>
    protected CancellationToken ComponentStopping => _stopping.Token;

    /// <summary>Applies every change of <paramref name="subscription"/> on the renderer's context, then renders.</summary>
    protected void Follow<T>(CoalescedSubscription<T> subscription, Func<T, Task> apply)
    {
        _subscriptions.Add(subscription);
        ComponentLoop.Start(ct => ReadChangesAsync(subscription, apply, ct), _stopping.Token, DispatchExceptionAsync);
    }

    private async Task ReadChangesAsync<T>(CoalescedSubscription<T> subscription, Func<T, Task> apply, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var value in subscription.ReadChangesAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    await apply(value);
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
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
            _stopping.Dispose();
        }
    }
}
