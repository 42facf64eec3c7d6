using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Incidents;
using RhvDr.Core.Recovery;

namespace RhvDr.Core.Notifications;

/// <summary>
/// Follows the incident board and every run's events, as the hub does, and hands each incident change and run status change
/// to <see cref="NotificationPublisher"/>. The incident store and the run notifier only signal or write to this subscriber's
/// channel, so neither the incident monitor nor a run ever waits here. Incidents and runs are optional: a host without them
/// notifies about what it has. At stop the subscriptions are closed and read to the end, so the statuses of runs
/// interrupted by the stop still go out.
/// </summary>
public sealed partial class NotificationSources(
    NotificationPublisher publisher,
    IEnumerable<IIncidentStore> incidentStores,
    IEnumerable<IRunNotifier> runNotifiers,
    TimeProvider time,
    ILogger<NotificationSources> logger) : IHostedService
{
    private IncidentSubscription? _incidents;
    private RunSubscription? _runs;
    private Task _reading = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!publisher.IsEnabled)
        {
            return Task.CompletedTask;
        }

        var readers = new List<Task>();
        if (incidentStores.FirstOrDefault() is { } store)
        {
            // Subscribed now, before the incident monitor loads the stored incidents: they are older than this and not news.
            var tracker = new IncidentChangeTracker(time.GetUtcNow());
            _incidents = store.Subscribe(TimeSpan.Zero);
            readers.Add(Task.Run(() => ReadIncidentsAsync(_incidents, tracker), CancellationToken.None));
        }
        if (runNotifiers.FirstOrDefault() is { } notifier)
        {
            _runs = notifier.SubscribeAll();
            readers.Add(Task.Run(() => ReadRunsAsync(_runs), CancellationToken.None));
        }
        _reading = Task.WhenAll(readers);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _incidents?.Dispose();
        _runs?.Dispose();
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadIncidentsAsync(IncidentSubscription subscription, IncidentChangeTracker tracker)
    {
        PublishIncidents(tracker, subscription.Board);
        await foreach (var board in subscription.ReadChangesAsync(CancellationToken.None).ConfigureAwait(false))
        {
            PublishIncidents(tracker, board);
        }
    }

    private void PublishIncidents(IncidentChangeTracker tracker, IncidentBoard board)
    {
        try
        {
            foreach (var change in tracker.Apply(board))
            {
                publisher.PublishIncident(change.Event, change.Incident, change.Time);
            }
        }
        catch (Exception ex)
        {
            // One bad board must not end incident notifications.
            LogPublishFailed(logger, ex, "incident");
        }
    }

    private async Task ReadRunsAsync(RunSubscription subscription)
    {
        var tracker = new RunStatusTracker();
        await foreach (var batch in subscription.ReadBatchesAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                foreach (var runEvent in batch.Events)
                {
                    if (tracker.IsChange(runEvent, out var run))
                    {
                        publisher.PublishRunStatus(run, runEvent.Time);
                    }
                }
            }
            catch (Exception ex)
            {
                LogPublishFailed(logger, ex, "run");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue a {Source} notification")]
    private static partial void LogPublishFailed(ILogger logger, Exception ex, string source);
}
