using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Incidents;
using RhvDr.Core.Notifications;
using RhvDr.Core.Sites;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Notifications;

/// <summary>Delivery, retries and logging against a real receiver on loopback, with the notification services alone in a host.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "test-secret-9f8e7d6c5b4a39281706";

    private readonly CapturingLoggerProvider _log = new();
    private WebhookReceiver _receiver = null!;
    private IHost _host = null!;

    private NotificationPublisher Publisher => _host.Services.GetRequiredService<NotificationPublisher>();

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RhvDr:Notifications:RetryDelay"] = "00:00:00.050",
            ["RhvDr:Notifications:Webhooks:0:Name"] = "noc",
            ["RhvDr:Notifications:Webhooks:0:Url"] = _receiver.Url.ToString(),
            ["RhvDr:Notifications:Webhooks:0:Secret"] = Secret,
            ["RhvDr:Notifications:Webhooks:0:Timeout"] = "00:00:01",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_log);
        builder.AddRhvDrNotifications();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        _log.Dispose();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Publish_ReceiverFailsTwiceThenTakesIt_DeliveredOnTheThirdAttemptWithTheSameBody(int failure)
    {
        _receiver.Respond = (_, attempt) => Task.FromResult(attempt <= 2 ? failure : 200);

        Publisher.PublishIncident(NotificationEvents.IncidentOpened, Incident(1), DateTimeOffset.UtcNow);
        Publisher.PublishIncident(NotificationEvents.IncidentClosed, Incident(1), DateTimeOffset.UtcNow);
        await _receiver.WaitForAsync(r => r.Event == NotificationEvents.IncidentClosed, "the next notification");

        // Deliveries to one receiver go out in order: once the next one arrives, the first one's attempts are over.
        var attempts = _receiver.Received.Where(r => r.Event == NotificationEvents.IncidentOpened).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => Convert.ToHexString(a.Body)).Distinct());
        Assert.All(attempts, a => Assert.True(a.IsSignedWith(Secret)));
        Assert.All(attempts, a => Assert.Equal(a.Id, a.DeliveryHeader));
    }

    [Fact]
    public async Task Publish_FirstAttemptGetsNoAnswerWithinTheTimeout_RetriedAndDelivered()
    {
        _receiver.Respond = async (_, attempt) =>
        {
            if (attempt == 1)
            {
                await _receiver.Released;
            }
            return 200;
        };

        Publisher.PublishIncident(NotificationEvents.IncidentOpened, Incident(2), DateTimeOffset.UtcNow);

        await WaitFor.ConditionAsync(() => _receiver.Received.Count == 2, "a second attempt after the first timed out");
        Assert.Single(_receiver.Received.Select(r => r.Id).Distinct());
        Assert.Contains(_log.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("attempt 1 failed (no answer within 00:00:01)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_ReceiverRejectsWith400_NotRetriedAndLoggedWithHostNeverSecret()
    {
        _receiver.Respond = (r, _) => Task.FromResult(r.Event == NotificationEvents.IncidentOpened ? 400 : 200);

        Publisher.PublishIncident(NotificationEvents.IncidentOpened, Incident(3), DateTimeOffset.UtcNow);
        Publisher.PublishIncident(NotificationEvents.IncidentClosed, Incident(3), DateTimeOffset.UtcNow);
        await _receiver.WaitForAsync(r => r.Event == NotificationEvents.IncidentClosed, "the next notification");

        var rejected = Assert.Single(_receiver.Received, r => r.Event == NotificationEvents.IncidentOpened);
        var warning = await WaitFor.ValueAsync(() => Task.FromResult(_log.Lines.FirstOrDefault(l => l.StartsWith("Warning", StringComparison.Ordinal))), l => l is not null, "the failure in the log");
        Assert.Contains($"Webhook noc (127.0.0.1) did not take incident.opened {rejected.Id} after 1 attempt(s): HTTP 400 Bad Request", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains("receiver-path-token", StringComparison.Ordinal));
    }

    private static Incident Incident(long id) =>
        new(id, "engine:primary", IncidentKind.EngineUnreachable, HealthLevel.Critical, "primary", "Engine unreachable", "connection refused",
            DateTimeOffset.UtcNow, null, null, []);
}
