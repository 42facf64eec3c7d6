using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>The runs API and the hub's run events on the running console with the embedded lab, over real HTTP. Each test gets its own console.</summary>
public sealed class RunsApiTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _factory.Settings["Lab:VmsPerSite"] = "30";
        _factory.Settings["Lab:HostsPerSite"] = "4";
        _http = _factory.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task PostRun_PlannedFailover_Returns202AndTheRunSucceedsWithReports()
    {
        await WaitForSitesAsync();

        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "planned" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await WaitForEndAsync(id);
        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains(run.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "start-vms" && s.GetProperty("status").GetString() == "succeeded");
        Assert.Contains(run.GetProperty("vms").EnumerateArray(), v => v.GetProperty("up").GetBoolean());

        var json = await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/report?format=json");
        Assert.Equal("failover", json.GetProperty("operation").GetString());
        Assert.Equal(0, json.GetProperty("rpoSeconds").GetDouble());
        // RTO runs from the run's start until the last VM that ran at the source was up.
        var lastUp = json.GetProperty("vms").EnumerateArray().Where(v => v.GetProperty("wasRunning").GetBoolean()).Max(v => v.GetProperty("upAt").GetDateTimeOffset());
        var rto = json.GetProperty("rtoSeconds").GetDouble();
        Assert.Equal((lastUp - json.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds, rto, 0.001);
        Assert.InRange(rto, 0.001, json.GetProperty("durationSeconds").GetDouble());
        using var html = await _http.GetAsync($"/api/runs/{id}/report?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("RTO achieved", page, StringComparison.Ordinal);
        Assert.Contains("<h2>VMs</h2>", page, StringComparison.Ordinal);
        var csv = await _http.GetStringAsync($"/api/runs/{id}/report?format=csv");
        Assert.StartsWith("run,operation,mode", csv, StringComparison.Ordinal);
        var list = await _http.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task PostRun_DisasterWithoutConfirmSite_Returns400NamingTheSite()
    {
        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "disaster" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("confirmSite \\\"primary\\\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_TwoConcurrentRequests_OneAcceptedOneConflictWithTheSameId()
    {
        await WaitForSitesAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _http.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        await WaitForEndAsync(ids[0]!);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Hub_SubscribedToARun_ReceivesItsEventsInOrder()
    {
        await WaitForSitesAsync();
        var received = new List<JsonElement>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = _factory.CreateHubConnection();
        hub.On<JsonElement>("RunEvent", e =>
        {
            lock (received)
            {
                received.Add(e);
            }

            if (e.GetProperty("kind").GetString() == "status" && e.GetProperty("payload").GetProperty("status").GetString() is "succeeded" or "failed")
            {
                finished.TrySetResult();
            }
        });
        await hub.StartAsync();

        // Events before the subscription are not delivered; from the first one received, none may be missing or out of order.
        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await hub.InvokeAsync("SubscribeRun", id);
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(90));

        List<long> sequences;
        lock (received)
        {
            Assert.All(received, e => Assert.Equal(id, e.GetProperty("runId").GetString()));
            sequences = [.. received.Select(e => e.GetProperty("sequence").GetInt64())];
            Assert.Contains(received, e => e.GetProperty("kind").GetString() == "stepFinished");
            Assert.Contains(received, e => e.GetProperty("kind").GetString() == "vmUpdated");
        }

        Assert.True(sequences.Count > 10, $"only {sequences.Count} events");
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i), sequences);
    }

    private Task WaitForSitesAsync() =>
        WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>("/api/sites"),
            s => s.GetArrayLength() == 2 && s.EnumerateArray().All(x => x.GetProperty("engine").GetProperty("reachable").GetBoolean() && x.GetProperty("vms").GetProperty("total").GetInt32() > 0),
            "both sites polled");

    private Task<JsonElement> WaitForEndAsync(string id) =>
        WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            $"run {id} to end", TimeSpan.FromSeconds(90));
}
