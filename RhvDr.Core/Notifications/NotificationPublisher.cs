using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Drills;
using RhvDr.Core.Incidents;
using RhvDr.Core.Recovery;

namespace RhvDr.Core.Notifications;

/// <summary>
/// Turns an event into one JSON body and queues it for every webhook that wants the event. Never waits on a receiver:
/// <see cref="WebhookDispatcher"/> delivers from the queues.
/// </summary>
public sealed class NotificationPublisher
{
    private readonly NotificationConsole _console;
    private readonly TimeProvider _time;

    public NotificationPublisher(IOptions<NotificationOptions> options, IOptions<RhvDrOptions> console, TimeProvider time, ILogger<WebhookQueue> queueLogger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        _console = NotificationConsole.From(console.Value);
        _time = time;
        Queues = options.Value.Webhooks.Select(w => new WebhookQueue(w, NotificationOptions.QueueLength, queueLogger)).ToList();
    }

    /// <summary>One queue per configured webhook, in configuration order.</summary>
    public IReadOnlyList<WebhookQueue> Queues { get; }

    public bool IsEnabled => Queues.Count > 0;

    public void PublishIncident(string eventName, Incident incident, DateTimeOffset time) =>
        Publish(eventName, time, incident: NotificationIncident.From(incident));

    public void PublishRunStatus(RecoveryRun run, DateTimeOffset time) =>
        Publish(NotificationEvents.RunStatus, time, run: NotificationRun.From(run));

    /// <summary>A drill that failed (<see cref="NotificationEvents.DrillFailed"/>) or was skipped (<see cref="NotificationEvents.DrillSkipped"/>).</summary>
    public void PublishDrill(string eventName, DrillRecord drill, DateTimeOffset time) =>
        Publish(eventName, time, drill: drill);

    private void Publish(string eventName, DateTimeOffset time, NotificationIncident? incident = null, NotificationRun? run = null, DrillRecord? drill = null)
    {
        var targets = Queues.Where(q => q.Webhook.Wants(eventName)).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var notification = new Notification(Guid.CreateVersion7(_time.GetUtcNow()).ToString(), eventName, time, _console, incident, run, drill);
        var message = new WebhookMessage(notification.Id, eventName, NotificationJson.Serialize(notification));
        foreach (var queue in targets)
        {
            queue.Enqueue(message);
        }
    }
}
