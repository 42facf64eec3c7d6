using Microsoft.Extensions.Logging;
using RhvDr.Core.Notifications;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Notifications;

public sealed class WebhookQueueTests
{
    [Fact]
    public void Enqueue_QueueFull_DropsTheOldestCountsAndLogsIt()
    {
        using var log = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var queue = new WebhookQueue(new WebhookOptions { Url = "https://hooks.example.com/secret-path", Secret = "0123456789abcdef" }, 2, loggers.CreateLogger<WebhookQueue>());

        foreach (var id in new[] { "a", "b", "c" })
        {
            queue.Enqueue(new WebhookMessage(id, NotificationEvents.RunStatus, []));
        }

        var waiting = new List<string>();
        while (queue.Reader.TryRead(out var message))
        {
            waiting.Add(message.Id);
        }
        Assert.Equal(["b", "c"], waiting);
        Assert.Equal(1, queue.Dropped);
        var line = Assert.Single(log.Lines);
        Assert.Contains("Webhook hooks.example.com (hooks.example.com) is 2 notifications behind: dropped the oldest, run.status a (1 dropped so far)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", line, StringComparison.Ordinal);
    }
}
