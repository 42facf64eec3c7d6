using Microsoft.AspNetCore.SignalR;
using RhvDr.Console.Api;
using RhvDr.Core.Incidents;

namespace RhvDr.Console.Hubs;

/// <summary>Forwards incident board changes to hub clients (<c>IncidentChanged</c>), at most one message a second.</summary>
public sealed class IncidentHubPublisher(IIncidentStore store, IHubContext<DrHub> hub, ILogger<IncidentHubPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = store.Subscribe(MinInterval);
        await foreach (var board in subscription.ReadChangesAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.All.SendAsync(DrHub.IncidentChanged, IncidentBoardDto.From(board), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not send {Message} to hub clients", DrHub.IncidentChanged);
            }
        }
    }
}
