namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A component's background loop (a live subscription's reader, a clock that refreshes ages): started once, stopped by the
/// component's token, and never unobserved: cancellation ends it quietly and any other failure goes to the renderer's
/// error handling, like an exception in an event handler.
/// </summary>
public static class ComponentLoop
{
    /// <param name="loop">The loop; it runs until <paramref name="stopping"/> is cancelled or it returns.</param>
    /// <param name="stopping">Cancelled when the component is disposed.</param>
    /// <param name="report">The component's <c>DispatchExceptionAsync</c>.</param>
    public static void Start(Func<CancellationToken, Task> loop, CancellationToken stopping, Func<Exception, Task> report)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(report);
        // Observed: RunAsync never throws.
        _ = RunAsync(loop, stopping, report);
    }

    /// <summary>The loop with its ending handled; <see cref="Start"/> runs it without waiting.</summary>
    public static async Task RunAsync(Func<CancellationToken, Task> loop, CancellationToken stopping, Func<Exception, Task> report)
    {
        try
        {
            await loop(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The component went away.
        }
        catch (ObjectDisposedException) when (stopping.IsCancellationRequested)
        {
            // The component went away while the loop read from something it owned.
        }
        catch (Exception ex)
        {
            await report(ex);
        }
    }
}
