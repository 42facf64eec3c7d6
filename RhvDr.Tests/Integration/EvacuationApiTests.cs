using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary><c>POST /api/runs</c> with kind evacuate on the running console, over real HTTP.</summary>
public sealed class EvacuationApiTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _factory = new();
    private HttpClient? _http;

    [Fact]
    public async Task PostRun_EvacuateOnActivePassive_Returns400SayingActiveActiveIsNeeded()
    {
        using var response = await Http().PostAsJsonAsync("/api/runs", new { kind = "evacuate", source = "primary" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("needs RhvDr:Topology ActiveActive", detail, StringComparison.Ordinal);
        Assert.Empty((await Http().GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray());
    }

    [Fact]
    public async Task PostRun_EvacuateOnActiveActive_Returns202AndTheReportListsEveryVmMovedToRecovery()
    {
        foreach (var (key, value) in ActiveActiveConsoleTests.Settings())
        {
            _factory.Settings[key] = value;
        }

        _factory.Settings["Lab:VmsPerSite"] = "30";
        _factory.Settings["Lab:HostsPerSite"] = "4";

        using var response = await Http().PostAsJsonAsync("/api/runs", new { kind = "evacuate", source = "primary" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await WaitFor.ValueAsync(() => Http().GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled", $"run {id} to end", TimeSpan.FromSeconds(90));
        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        var report = await Http().GetFromJsonAsync<JsonElement>($"/api/runs/{id}/report?format=json");
        Assert.Equal("evacuate", report.GetProperty("operation").GetString());
        Assert.Equal(("primary", "recovery"), (report.GetProperty("sourceSite").GetString(), report.GetProperty("targetSite").GetString()));
        Assert.True(report.GetProperty("vmsToRecover").GetInt32() > 0);
        Assert.Equal(report.GetProperty("vmsToRecover").GetInt32(), report.GetProperty("vmsUp").GetInt32());
        Assert.Equal(report.GetProperty("vmsToRecover").GetInt32(), report.GetProperty("vms").GetArrayLength());
        Assert.Equal(["preflight", "record-vms", "migrate-vms", "deactivate-hosts", "report"],
            report.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var html = await Http().GetStringAsync($"/api/runs/{id}/report?format=html");
        Assert.Contains(report.GetProperty("vms")[0].GetProperty("vmName").GetString()!, html, StringComparison.Ordinal);
    }

    private HttpClient Http() => _http ??= _factory.CreateApiClient();

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _factory.DisposeAsync();
    }
}
