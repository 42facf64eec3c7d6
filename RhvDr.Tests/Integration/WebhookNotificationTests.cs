using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>Incidents and run statuses of the running console over the embedded lab reach real webhook receivers on loopback.</summary>
public sealed class WebhookNotificationTests : IAsyncLifetime
{
    private const string Secret = "noc-shared-secret-0f1e2d3c4b5a6978";

    private readonly ConsoleAppFactory _console = new();
    private readonly CapturingLoggerProvider _log = new();
    private readonly List<WebhookReceiver> _receivers = [];
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _console.Settings["Lab:VmsPerSite"] = "30";
        _console.Settings["Lab:HostsPerSite"] = "4";
        _console.Settings["RhvDr:Notifications:RetryDelay"] = "00:00:00.050";
        _console.ServiceOverrides.Add(services => services.AddSingleton<ILoggerProvider>(_log));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        // A hanging receiver answers first, so the console's stop does not wait on it; receivers still answer while it stops.
        foreach (var receiver in _receivers)
        {
            receiver.Release();
        }
        _http?.Dispose();
        await _console.DisposeAsync();
        foreach (var receiver in _receivers)
        {
            await receiver.DisposeAsync();
        }
        _log.Dispose();
    }

    [Fact]
    public async Task SiteDownThenUp_IncidentOpenedAndClosedReachTheReceiverSigned_AndTheEventsFilterHolds()
    {
        var noc = await AddWebhookAsync(secret: Secret);
        var closedOnly = await AddWebhookAsync(events: ["incident.closed"]);
        await StartAsync();
        var lab = _console.Services.GetRequiredService<ILabControl>();

        await lab.SetSiteDownAsync("primary");
        var opened = await noc.WaitForAsync(r => r.Event == "incident.opened" && Incident(r).GetProperty("key").GetString() == "engine:primary", "incident.opened for the primary engine");
        await lab.SetSiteUpAsync("primary");
        var incidentId = Incident(opened).GetProperty("id").GetInt64();
        var closed = await noc.WaitForAsync(r => r.Event == "incident.closed" && Incident(r).GetProperty("id").GetInt64() == incidentId, "incident.closed for it");
        var closedThere = await closedOnly.WaitForAsync(r => r.Event == "incident.closed" && Incident(r).GetProperty("id").GetInt64() == incidentId, "incident.closed at the filtered receiver");

        Assert.True(opened.IsSignedWith(Secret), "the signature of incident.opened");
        Assert.True(closed.IsSignedWith(Secret), "the signature of incident.closed");
        Assert.Equal("POST", opened.Method);
        Assert.Equal("/hooks/receiver-path-token", opened.Path);
        Assert.Equal("application/json; charset=utf-8", opened.Headers["Content-Type"]);
        Assert.Equal("incident.opened", opened.Headers["X-RhvDr-Event"]);
        Assert.Equal(opened.Id, opened.DeliveryHeader);
        Assert.NotEqual(opened.Id, closed.Id);
        var incident = Incident(opened);
        Assert.Equal(("engineUnreachable", "primary"), (incident.GetProperty("kind").GetString(), incident.GetProperty("site").GetString()));
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("closedAt").ValueKind);
        Assert.Equal(["primary", "recovery"], opened.Json.GetProperty("console").GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.False(opened.Json.TryGetProperty("run", out _));
        Assert.Equal("Cleared: the engine answers again", Incident(closed).GetProperty("closeReason").GetString());
        Assert.True(noc.Received.ToList().IndexOf(opened) < noc.Received.ToList().IndexOf(closed));

        // One queue per receiver, delivered in order: had incident.opened passed the filter, it would have arrived first.
        Assert.All(closedOnly.Received, r => Assert.Equal("incident.closed", r.Event));
        Assert.Null(closedThere.Signature);
        Assert.DoesNotContain(_log.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TestFailover_RunStatusesReachTheReceiverInOrder()
    {
        var receiver = await AddWebhookAsync(events: ["run.status"], secret: Secret);
        await StartAsync();

        var id = await StartTestFailoverAsync();
        await receiver.WaitForAsync(r => Run(r).GetProperty("id").GetString() == id && Run(r).GetProperty("status").GetString() == "succeeded", "run.status succeeded");

        var received = receiver.Received.Where(r => Run(r).GetProperty("id").GetString() == id).ToList();
        Assert.Equal(["running", "succeeded"], received.Select(r => Run(r).GetProperty("status").GetString()));
        Assert.All(received, r => Assert.True(r.IsSignedWith(Secret)));
        Assert.All(received, r => Assert.Equal("run.status", r.Headers["X-RhvDr-Event"]));
        var succeeded = Run(received[^1]);
        Assert.Equal(("test", "planned", "primary", "recovery"),
            (succeeded.GetProperty("kind").GetString(), succeeded.GetProperty("mode").GetString(), succeeded.GetProperty("source").GetString(), succeeded.GetProperty("target").GetString()));
        Assert.Equal(JsonValueKind.String, succeeded.GetProperty("finishedAt").ValueKind);
    }

    [Fact]
    public async Task ReceiverHangs_RunFinishesWhileTheFirstDeliveryIsStillWaiting()
    {
        var hanging = await AddWebhookAsync(events: ["run.status"], timeout: "00:01:00");
        hanging.Respond = async (_, _) =>
        {
            await hanging.Released;
            return 200;
        };
        await StartAsync();

        var clock = Stopwatch.StartNew();
        var id = await StartTestFailoverAsync();
        var run = await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed",
            $"run {id} to end", TimeSpan.FromSeconds(45));
        var took = clock.Elapsed;

        // The receiver has held the run's first status ("running") since the run began, and answered nothing.
        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(["running"], hanging.Received.Select(r => Run(r).GetProperty("status").GetString()));
        Assert.Equal(0, hanging.Answered);
        Assert.True(took < TimeSpan.FromSeconds(30), $"the run took {took.TotalSeconds:0.0} s while the receiver hung");

        hanging.Release();
        await hanging.WaitForAsync(r => Run(r).GetProperty("status").GetString() == "succeeded", "the queued statuses once the receiver answers");
    }

    private async Task<WebhookReceiver> AddWebhookAsync(string[]? events = null, string? secret = null, string timeout = "00:00:02")
    {
        var receiver = await WebhookReceiver.StartAsync();
        var key = $"RhvDr:Notifications:Webhooks:{_receivers.Count}";
        _receivers.Add(receiver);
        _console.Settings[$"{key}:Url"] = receiver.Url.ToString();
        _console.Settings[$"{key}:Secret"] = secret;
        _console.Settings[$"{key}:Timeout"] = timeout;
        for (var i = 0; i < (events?.Length ?? 0); i++)
        {
            _console.Settings[$"{key}:Events:{i}"] = events![i];
        }
        return receiver;
    }

    private async Task StartAsync()
    {
        _http = _console.CreateApiClient();
        await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>("/api/sites"),
            s => s.GetArrayLength() == 2 && s.EnumerateArray().All(x => x.GetProperty("engine").GetProperty("reachable").GetBoolean() && x.GetProperty("vms").GetProperty("total").GetInt32() > 0),
            "both sites polled");
    }

    private async Task<string> StartTestFailoverAsync()
    {
        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static JsonElement Incident(ReceivedWebhook received) => received.Json.GetProperty("incident");

    private static JsonElement Run(ReceivedWebhook received) => received.Json.GetProperty("run");
}
