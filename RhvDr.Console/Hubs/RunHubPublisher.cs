using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using RhvDr.Core.Recovery;

namespace RhvDr.Console.Hubs;

/// <summary>
/// Forwards run events to hub clients in two forms: every event as one <c>RunEvent</c> message to the group
/// <see cref="DrHub.RunGroup"/>, and every drained batch as one <c>RunEvents</c> message (an array in sequence order) to
/// <see cref="DrHub.RunBatchGroup"/>. Both keep sequence order per client.
/// </summary>
public sealed partial class RunHubPublisher(IRunNotifier notifier, IHubContext<DrHub> hub, ILogger<RunHubPublisher> logger) : BackgroundService
{
    /// <summary>
    /// The batched stream sends at most one message per run this often: a busy run becomes about 20 messages a second per
    /// client instead of one per event, while a lone event after a quiet spell still goes out at once.
    /// </summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>The most events in one <c>RunEvents</c> message, so a backlog after a stall does not become one huge frame.</summary>
    public const int MaxEventsPerMessage = 1000;

    // Each form has its own subscription, so a per-event backlog (one message per event per client) never delays batches.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ForwardEachAsync(stoppingToken), ForwardBatchesAsync(stoppingToken));

    private async Task ForwardEachAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.SubscribeAll();
        var sends = new List<Task>();
        await foreach (var batch in subscription.ReadBatchesAsync(stoppingToken))
        {
            // The batch's sends are started back to back and awaited together. A connection writes under its own lock, granted
            // in call order, so every client still sees sequence order; but the next event no longer waits for the slowest client.
            foreach (var runEvent in batch.Events)
            {
                sends.Add(SendAsync(DrHub.RunGroup(runEvent.RunId), DrHub.RunEvent, runEvent, runEvent.RunId, runEvent.Sequence, stoppingToken));
            }
            await Task.WhenAll(sends);
            sends.Clear();
        }
    }

    private async Task ForwardBatchesAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.SubscribeAll();
        await foreach (var batch in subscription.ReadBatchesAsync(stoppingToken))
        {
            var taken = Stopwatch.GetTimestamp();
            foreach (var run in batch.Events.GroupBy(e => e.RunId, StringComparer.Ordinal))
            {
                foreach (var chunk in run.Chunk(MaxEventsPerMessage))
                {
                    await SendAsync(DrHub.RunBatchGroup(run.Key), DrHub.RunEvents, chunk, run.Key, chunk[0].Sequence, stoppingToken);
                }
            }

            // The window runs from when this batch was taken, so a send slower than the window adds no wait of its own.
            var left = BatchWindow - Stopwatch.GetElapsedTime(taken);
            if (left > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(left, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task SendAsync(string group, string message, object payload, string runId, long sequence, CancellationToken stoppingToken)
    {
        try
        {
            await hub.Clients.Group(group).SendAsync(message, payload, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One failed send must not end the stream for everyone.
            LogSendFailed(logger, ex, message, sequence, runId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Message} from sequence {Sequence} of run {RunId} to hub clients")]
    private static partial void LogSendFailed(ILogger logger, Exception ex, string message, long sequence, string runId);
}
