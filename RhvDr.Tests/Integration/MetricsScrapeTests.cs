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
        var evaluated = await WaitFor.ValueAsync(
            () => _lab.Http.GetFromJsonAsync<JsonElement>("api/readiness"),
            b => b.GetProperty("status").GetString() != "unknown",
            "an evaluation");

        var metrics = await WaitFor.ValueAsync(
            async () => PrometheusText.Parse(await _lab.Http.GetStringAsync("metrics")),
            m => m.Named("rhvdr_readiness_score").Any() && m.Named("rhvdr_site_up").Count() == 2,
            "readiness in the scrape");

        Assert.InRange(metrics.Named("rhvdr_readiness_score").Single().Value, 0, 100);
        Assert.Equal("gauge", metrics.Types["rhvdr_readiness_score"]);
        Assert.Contains(metrics.Named("rhvdr_readiness_status").Single().Value, new double[] { 0, 1, 2 });
        Assert.Equal(1, metrics.Named("rhvdr_site_up").Single(s => s.Labels["site"] == "recovery").Value);
        Assert.Contains(metrics.Named("rhvdr_replication_lag_seconds"), s => s.Labels["domain"] == "path2");
        Assert.True(metrics.Named("rhvdr_hosts").Where(s => s.Labels["site"] == "primary").Sum(s => s.Value) > 0);
        Assert.True(metrics.Named("rhvdr_vms").Where(s => s.Labels["site"] == "primary" && s.Labels.ContainsKey("status")).Sum(s => s.Value) > 0);
        Assert.NotEqual(JsonValueKind.Undefined, evaluated.ValueKind);
    }
}
