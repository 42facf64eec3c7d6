using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Readiness;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>
/// The scrape is OpenTelemetry's, which follows the readiness meter by name across the whole process: another console alive
/// in the same test process would answer for the same instruments. These tests therefore run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsScrapeCollection
{
    public const string Name = "Metrics scrape";
}

[Collection(MetricsScrapeCollection.Name)]
public sealed class MetricsScrapeTests : IAsyncLifetime
{
    private readonly ReadinessLab _lab = new();

    public Task InitializeAsync() => _lab.MakeHealthyAsync();

    public Task DisposeAsync() => _lab.DisposeAsync().AsTask();

    [Fact]
    public async Task Metrics_Scrape_ParsesAsPrometheusTextWithReadinessAndInventory()
    {
        // The mapping is saved after the first polls: an evaluation that has seen it is the one that stays.
        var evaluated = await WaitFor.ValueAsync(
            () => _lab.Http.GetFromJsonAsync<JsonElement>("api/readiness"),
            b => b.GetProperty("checks").EnumerateArray().Any(c => c.GetProperty("id").GetString() == "mapping" && c.GetProperty("status").GetString() == "pass"),
            "an evaluation with the mapping");

        var metrics = await WaitFor.ValueAsync(
            async () => PrometheusText.Parse(await _lab.Http.GetStringAsync("metrics")),
            m => m.Named("rhvdr_readiness_score").Any() && m.Named("rhvdr_site_up").Count() == 2,
            "readiness in the scrape");

        Assert.Equal(evaluated.GetProperty("score").GetInt32(), metrics.Named("rhvdr_readiness_score").Single().Value);
        Assert.Equal("gauge", metrics.Types["rhvdr_readiness_score"]);
        // 0 go, 1 warn, 2 no-go.
        var status = Array.IndexOf(["go", "warn", "no-go"], evaluated.GetProperty("status").GetString());
        Assert.Equal(status, metrics.Named("rhvdr_readiness_status").Single().Value);
        Assert.Equal(1, metrics.Named("rhvdr_site_up").Single(s => s.Labels["site"] == "recovery").Value);
        Assert.Contains(metrics.Named("rhvdr_replication_lag_seconds"), s => s.Labels["domain"] == "path2");
        Assert.True(metrics.Named("rhvdr_hosts").Where(s => s.Labels["site"] == "primary").Sum(s => s.Value) > 0);
        Assert.True(metrics.Named("rhvdr_vms").Where(s => s.Labels["site"] == "primary" && s.Labels.ContainsKey("status")).Sum(s => s.Value) > 0);
    }
}
