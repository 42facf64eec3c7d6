using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RhvDr.Core.Notifications;

/// <summary>
/// The notifications waiting for one receiver, oldest first. Adding never waits: when the receiver has fallen
/// <c>capacity</c> behind, the oldest waiting notification is dropped, counted and logged, so a dead receiver costs
/// bounded memory and never slows the run or incident monitor that raised the event.
/// </summary>
public sealed partial class WebhookQueue
{
    private readonly Channel<WebhookMessage> _channel;
    private readonly ILogger _logger;
    private long _dropped;

    public WebhookQueue(WebhookOptions webhook, int capacity, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        Webhook = webhook;
        Capacity = capacity;
        _logger = logger;
        _channel = Channel.CreateBounded<WebhookMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);
    }

    public WebhookOptions Webhook { get; }

    public int Capacity { get; }

    /// <summary>How many notifications were dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>How many notifications wait now.</summary>
    public int Waiting => _channel.Reader.Count;

    public ChannelReader<WebhookMessage> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="message"/>; false once the queue is completed (the console is stopping).</summary>
    public bool Enqueue(WebhookMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>Takes no more notifications; the reader still gets those waiting.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void OnDropped(WebhookMessage message)
    {
        var dropped = Interlocked.Increment(ref _dropped);
        LogDropped(_logger, Webhook.DisplayName, Webhook.Host, Capacity, message.Event, message.Id, dropped);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} ({Host}) is {Capacity} notifications behind: dropped the oldest, {Event} {DeliveryId} ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string webhook, string host, int capacity, string @event, string deliveryId, long dropped);
}
