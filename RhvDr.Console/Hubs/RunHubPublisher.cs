using Microsoft.AspNetCore.SignalR;
using RhvDr.Core.Recovery;

namespace RhvDr.Console.Hubs;

/// <summary>Forwards every run event to the hub group <c>run-{id}</c>, one at a time so clients see them in sequence order.</summary>
public sealed class RunHubPublisher(IRunNotifier notifier, IHubContext<DrHub> hub, ILogger<RunHubPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.SubscribeAll();
        await foreach (var batch in subscription.ReadBatchesAsync(stoppingToken))
        {
            foreach (var runEvent in batch.Events)
            {
                try
                {
                    await hub.Clients.Group(DrHub.RunGroup(runEvent.RunId)).SendAsync(DrHub.RunEvent, runEvent, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not send {Message} {Sequence} of run {RunId} to hub clients", DrHub.RunEvent, runEvent.Sequence, runEvent.RunId);
                }
            }
        }
    }
}
