using Microsoft.AspNetCore.SignalR;
using RhvDr.Console.Api;
using RhvDr.Core.Monitoring;

namespace RhvDr.Console.Hubs;

/// <summary>Forwards inventory changes to hub clients, coalesced to one message a second whatever the poll rate.</summary>
public sealed class InventoryHubPublisher(IInventoryStore store, IHubContext<DrHub> hub, ILogger<InventoryHubPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = store.Subscribe(MinInterval);
        await foreach (var snapshot in subscription.ReadChangesAsync(stoppingToken))
        {
            try
            {
                var sites = snapshot.Sites.Select(SiteSummaryDto.From).ToList();
                await hub.Clients.All.SendAsync(DrHub.InventoryChanged, sites, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed broadcast must not end the stream for everyone.
                logger.LogWarning(ex, "Could not send {Message} to hub clients", DrHub.InventoryChanged);
            }
        }
    }
}
