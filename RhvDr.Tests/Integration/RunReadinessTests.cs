using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Readiness;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>Runs and readiness together on the real console over the lab: history feeds readiness, readiness gates runs.</summary>
public sealed class RunReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private ConsoleAppFactory? _factory;
    private ReadinessLab? _lab;
    private HttpClient? _http;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Readiness_AfterTestRunAndCleanup_ShowsLastTestFailoverAndRtoFromHistory()
    {
        // Arrange: the console on the lab, re-evaluating readiness often.
        _factory = new ConsoleAppFactory();
        _factory.Settings["RhvDr:Readiness:MinEvaluationGap"] = "00:00:00.1";
        _http = _factory.CreateApiClient();

        // Act: a test failover, then its cleanup.
        var test = await RunToEndAsync(_http, new { kind = "test", mode = "planned" });
        await RunToEndAsync(_http, new { kind = "cleanup", mode = "planned" });

        // Assert: readiness reports that test failover and takes the RTO from the recorded runs.
        var body = await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>("api/readiness"),
            b => b.GetProperty("lastTestFailover").ValueKind == JsonValueKind.Object && b.GetProperty("rtoSource").GetString() == "history",
            "readiness to show the test failover");
        var last = body.GetProperty("lastTestFailover");
        Assert.Equal(test, last.GetProperty("runId").GetString());
        Assert.True(last.GetProperty("succeeded").GetBoolean());
        Assert.Contains("VMs that ran at", last.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var check = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "test-failover");
        Assert.Equal("pass", check.GetProperty("status").GetString());
        Assert.StartsWith("Median of 1 recorded run", body.GetProperty("rtoBasis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_ReplicationBroken_PreflightFailsNamingTheCheckUntilOverridden()
    {
        // Arrange: a healthy lab, then a broken replication pair makes readiness no-go on a blocking check.
        _lab = new ReadinessLab();
        await _lab.MakeHealthyAsync();
        await _lab.PostAsync("lab/array/pairs/path2/break");
        await WaitFor.ValueAsync(() => _lab.Http.GetFromJsonAsync<JsonElement>("api/readiness"),
            b => b.GetProperty("checks").EnumerateArray().Any(c => c.GetProperty("id").GetString() == "replication" && c.GetProperty("status").GetString() == "fail"),
            "replication to fail");

        // Act: a planned failover without an override.
        var blocked = await StartAsync(_lab.Http, new { kind = "failover", mode = "planned" });
        var refused = await WaitForEndAsync(_lab.Http, blocked);

        // Assert: it fails at preflight, naming the readiness check.
        Assert.Equal("failed", refused.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("Readiness check 'replication'", refused.GetProperty("run").GetProperty("error").GetString(), StringComparison.Ordinal);

        // Act: the same with an override reason.
        var overridden = await StartAsync(_lab.Http, new { kind = "failover", mode = "planned", overrideReason = "Pair path2 holds scratch data only" });
        var details = await WaitForEndAsync(_lab.Http, overridden);

        // Assert: preflight passes, records the reason and which checks failed.
        var preflight = details.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("name").GetString() == "preflight");
        Assert.Equal("succeeded", preflight.GetProperty("status").GetString());
        Assert.Contains("Pair path2 holds scratch data only", preflight.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("failed readiness checks: replication", preflight.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Pair path2 holds scratch data only", details.GetProperty("run").GetProperty("overrideReason").GetString());
    }

    private static async Task<string> StartAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("api/runs", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<JsonElement> WaitForEndAsync(HttpClient http, string id) => WaitFor.ValueAsync(
        () => http.GetFromJsonAsync<JsonElement>($"api/runs/{id}"),
        d => d.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
        $"run {id} to end", RunTimeout);

    private static async Task<string> RunToEndAsync(HttpClient http, object body)
    {
        var id = await StartAsync(http, body);
        var details = await WaitForEndAsync(http, id);
        Assert.True(details.GetProperty("run").GetProperty("status").GetString() == "succeeded", details.GetRawText());
        return id;
    }
}
