using Microsoft.AspNetCore.SignalR;
using RhvDr.Core.Monitoring;

namespace RhvDr.Console.Hubs;

/// <summary>Forwards a live store's changes to every hub client as one message, coalesced to at most one a second.</summary>
public abstract class StoreHubPublisher<T>(IHubContext<DrHub> hub, ILogger logger, string message) : BackgroundService
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    protected abstract CoalescedSubscription<T> Subscribe(TimeSpan minInterval);

    /// <summary>The payload clients receive for <paramref name="value"/>.</summary>
    protected abstract object ToMessage(T value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = Subscribe(MinInterval);
        await foreach (var value in subscription.ReadChangesAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.All.SendAsync(message, ToMessage(value), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed broadcast must not end the stream for everyone.
                logger.LogWarning(ex, "Could not send {Message} to hub clients", message);
            }
        }
    }
}
