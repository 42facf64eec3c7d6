using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace RhvDr.Core.Notifications;

/// <summary>
/// Delivers each webhook's queue in order, one notification at a time, through a Polly pipeline: every attempt has the
/// webhook's timeout; network errors, timeouts, 5xx and 429 are retried with exponential backoff up to
/// <see cref="NotificationOptions.MaxAttempts"/> attempts; any other answer is final. At stop it keeps delivering what is
/// queued for up to <see cref="DrainTimeout"/> (runs interrupted by the stop are reported), then gives up.
/// </summary>
public sealed partial class WebhookDispatcher(
    NotificationPublisher publisher,
    IHttpClientFactory httpClients,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : IHostedService, IDisposable
{
    public const string HttpClientName = "RhvDr.Webhooks";

    public const string EventHeader = "X-RhvDr-Event";

    public const string DeliveryHeader = "X-RhvDr-Delivery";

    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private static readonly ProductInfoHeaderValue UserAgent = new("RhvDr", "1");

    private readonly CancellationTokenSource _stopping = new();
    private Task _delivering = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var webhook in publisher.Queues.Select(q => q.Webhook))
        {
            var events = webhook.Events.Count == 0 ? "every event" : string.Join(", ", webhook.Events.Select(e => e.Trim().ToLowerInvariant()));
            LogConfigured(logger, webhook.DisplayName, webhook.Host, events, string.IsNullOrEmpty(webhook.Secret) ? "unsigned" : "signed");
        }
        _delivering = Task.WhenAll(publisher.Queues.Select(q => Task.Run(() => DeliverQueueAsync(q, _stopping.Token), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in publisher.Queues)
        {
            queue.Complete();
        }

        try
        {
            await _delivering.WaitAsync(DrainTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // A slow or dead receiver must not hold the console's stop: whatever is left is logged below.
        }

        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // A second stop (a hosting test server and the app's own run both stop the host) may come after disposal:
            // delivery was already cancelled then.
        }
        await _delivering.ConfigureAwait(false);
        foreach (var queue in publisher.Queues.Where(q => q.Waiting > 0))
        {
            LogNotDelivered(logger, queue.Webhook.DisplayName, queue.Webhook.Host, queue.Waiting);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task DeliverQueueAsync(WebhookQueue queue, CancellationToken stopping)
    {
        var webhook = queue.Webhook;
        var url = new Uri(webhook.Url.Trim(), UriKind.Absolute);
        var pipeline = BuildPipeline(webhook);
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                await DeliverAsync(webhook, url, pipeline, message, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped with notifications still queued; StopAsync logs how many.
        }
    }

    private async Task DeliverAsync(WebhookOptions webhook, Uri url, ResiliencePipeline<HttpResponseMessage> pipeline, WebhookMessage message, CancellationToken stopping)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var attempts = 0;
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var request = CreateRequest(url, webhook, message);
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }, stopping).ConfigureAwait(false);

            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, message.Event, message.Id, webhook.DisplayName, webhook.Host, attempts);
            }
            else
            {
                LogFailed(logger, webhook.DisplayName, webhook.Host, message.Event, message.Id, attempts, Reason(response));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, webhook.DisplayName, webhook.Host, message.Event, message.Id, attempts, Reason(webhook, ex));
        }
    }

    private static HttpRequestMessage CreateRequest(Uri url, WebhookOptions webhook, WebhookMessage message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(message.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Add(EventHeader, message.Event);
        request.Headers.Add(DeliveryHeader, message.Id);
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(webhook.Secret, message.Body));
        }
        return request;
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(WebhookOptions webhook) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = NotificationOptions.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.RetryDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Result is { } response ? Reason(response) : Reason(webhook, args.Outcome.Exception);
                    LogRetrying(logger, webhook.DisplayName, webhook.Host, args.AttemptNumber + 1, args.RetryDelay, reason);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(webhook.Timeout)
            .Build();

    private static string Reason(HttpResponseMessage response) => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";

    // The message only: the receiver's URL (with its path) is never written, and the exception carries nothing else of use.
    private static string Reason(WebhookOptions webhook, Exception? error) => error switch
    {
        TimeoutRejectedException => $"no answer within {webhook.Timeout}",
        null => "unknown",
        _ => error.Message,
    };

    // A 4xx other than 429 says the receiver will not take this body: sending it again would not help.
    private static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications go to webhook {Webhook} ({Host}): {Events}, {Signing}")]
    private static partial void LogConfigured(ILogger logger, string webhook, string host, string events, string signing);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivered {Event} {DeliveryId} to webhook {Webhook} ({Host}) in {Attempts} attempt(s)")]
    private static partial void LogDelivered(ILogger logger, string @event, string deliveryId, string webhook, string host, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook} ({Host}) attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string webhook, string host, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} ({Host}) did not take {Event} {DeliveryId} after {Attempts} attempt(s): {Reason}")]
    private static partial void LogFailed(ILogger logger, string webhook, string host, string @event, string deliveryId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} ({Host}): {Count} notification(s) not delivered, the console is stopping")]
    private static partial void LogNotDelivered(ILogger logger, string webhook, string host, int count);
}
