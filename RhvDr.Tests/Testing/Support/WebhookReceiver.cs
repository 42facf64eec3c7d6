using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace RhvDr.Tests.Support;

/// <summary>
/// A webhook receiver on Kestrel at a free loopback port: records every request as it arrives (before answering) and answers
/// with <see cref="Respond"/>, which is told how many times this delivery id has arrived (1 on the first attempt).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _answered;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Chooses the status code for a request and its attempt number; 200 by default.</summary>
    public Func<ReceivedWebhook, int, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(200);

    /// <summary>Where the console posts; the path stands for a token some receivers carry in their URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>How many requests have been answered.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Completes when the test releases hanging requests (<see cref="Release"/>) or the receiver is disposed.</summary>
    public Task Released => _released.Task;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.Run(receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.Url = new Uri(receiver._app.Urls.Single().TrimEnd('/') + "/hooks/receiver-path-token");
        return receiver;
    }

    public void Release() => _released.TrySetResult();

    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, string what, TimeSpan? timeout = null) =>
        (await WaitFor.ValueAsync(() => Task.FromResult(Received.FirstOrDefault(match)), r => r is not null, what, timeout))!;

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var received = new ReceivedWebhook(DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path, headers, body.ToArray());
        var attempt = _attempts.AddOrUpdate(received.DeliveryHeader ?? "", 1, (_, n) => n + 1);
        _received.Enqueue(received);
        context.Response.StatusCode = await Respond(received, attempt);
        Interlocked.Increment(ref _answered);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
