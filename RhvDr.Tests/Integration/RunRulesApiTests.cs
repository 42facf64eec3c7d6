using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>The run rules the README promises, over HTTP: cleanup only after a test, resume only of a stopped run. Each test gets its own console.</summary>
public sealed class RunRulesApiTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();
    private HttpClient? _client;

    public Task InitializeAsync()
    {
        _factory.Settings["Lab:VmsPerSite"] = "12";
        _factory.Settings["Lab:HostsPerSite"] = "2";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task PostRun_CleanupRightAfterACleanup_Answers400AndStartsNothing()
    {
        await WaitForSitesAsync();
        Assert.Equal("succeeded", await RunToEndAsync("test"));
        Assert.Equal("succeeded", await RunToEndAsync("cleanup"));

        using var response = await Http.PostAsJsonAsync("/api/runs", new { kind = "cleanup" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("was already cleaned up by run", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonElement>("/api/runs")).GetArrayLength());
    }

    [Fact]
    public async Task PostResume_RunWaitingForAnOperator_Answers409InWords()
    {
        _factory.Settings["RhvDr:Recovery:Replication"] = "manual";
        await WaitForSitesAsync();
        using var started = await Http.PostAsJsonAsync("/api/runs", new { kind = "failover" });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitFor.ValueAsync(() => Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() == "waiting", $"run {id} to wait for the replica update");

        using var response = await Http.PostAsync($"/api/runs/{id}/resume", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"Run {id} is waiting for an operator: confirm its prompt or cancel it", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var cancelled = await Http.PostAsync($"/api/runs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    /// <summary>The client starts the console, so a test changes its settings before the first use.</summary>
    private HttpClient Http => _client ??= _factory.CreateApiClient();

    private async Task<string?> RunToEndAsync(string kind)
    {
        using var response = await Http.PostAsJsonAsync("/api/runs", new { kind });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await WaitFor.ValueAsync(() => Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            $"{kind} run {id} to end", TimeSpan.FromSeconds(90));
        return run.GetProperty("run").GetProperty("status").GetString();
    }

    private Task WaitForSitesAsync() =>
        WaitFor.ValueAsync(() => Http.GetFromJsonAsync<JsonElement>("/api/sites"),
            s => s.GetArrayLength() == 2 && s.EnumerateArray().All(x => x.GetProperty("engine").GetProperty("reachable").GetBoolean() && x.GetProperty("vms").GetProperty("total").GetInt32() > 0),
            "both sites polled");
}
