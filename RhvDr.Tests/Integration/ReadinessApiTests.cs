using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Readiness;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>The readiness API and /metrics on the real console over the lab, with a mapping saved.</summary>
public sealed class ReadinessApiTests : IAsyncLifetime
{
    private readonly ReadinessLab _lab = new();

    public Task InitializeAsync() => _lab.MakeHealthyAsync();

    public Task DisposeAsync() => _lab.DisposeAsync().AsTask();

    private Task<JsonElement> WaitForReadinessAsync(Func<JsonElement, bool> condition, string what) => WaitFor.ValueAsync(
        () => _lab.Http.GetFromJsonAsync<JsonElement>("api/readiness"),
        condition, what);

    private static string CheckStatus(JsonElement body, string id) =>
        body.GetProperty("checks").EnumerateArray().SingleOrDefault(c => c.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } check
            ? check.GetProperty("status").GetString()!
            : "missing";

    [Fact]
    public async Task GetReadiness_Evaluated_AnswersVerdictScoreRpoRtoAndChecks()
    {
        // The mapping is saved after the first polls: wait for an evaluation that has seen it.
        var body = await WaitForReadinessAsync(b => CheckStatus(b, "mapping") == "pass", "an evaluation with the mapping");

        // The healthy lab passes every check but two warnings, each worth half its 5 of 105 points: the failover was never
        // tested, and some lab hosts have no power management. 100 of 105 is 95.
        Assert.Equal("warn", body.GetProperty("status").GetString());
        Assert.Equal(["power-management:warn", "test-failover:warn"], body.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() != "pass")
            .Select(c => $"{c.GetProperty("id").GetString()}:{c.GetProperty("status").GetString()}").Order());
        Assert.Equal(95, body.GetProperty("score").GetInt32());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("rpoSeconds").ValueKind);
        Assert.True(body.GetProperty("estimatedRtoSeconds").GetDouble() > 0);
        var checks = body.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(10, checks.Count);
        foreach (var check in checks)
        {
            foreach (var field in new[] { "id", "title", "status", "severity", "evidence", "remediation" })
            {
                Assert.True(check.TryGetProperty(field, out _), $"check has no {field}");
            }
        }
        var mapping = checks.Single(c => c.GetProperty("id").GetString() == "mapping");
        Assert.Equal("pass", mapping.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetReadiness_PairBroken_NoGoWithReplicationFailingSince()
    {
        await WaitForReadinessAsync(b => b.GetProperty("status").GetString() != "unknown", "an evaluation");

        await _lab.PostAsync("lab/array/pairs/path2/break");
        var body = await WaitForReadinessAsync(b => CheckStatus(b, "replication") == "fail", "replication to fail");

        var replication = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "replication");
        Assert.Equal("no-go", body.GetProperty("status").GetString());
        Assert.Equal("critical", replication.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.String, replication.GetProperty("failingSince").ValueKind);
        Assert.Contains(replication.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.StartsWith("path2: broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetHistory_AfterEvaluation_HasTrendPointsAndRejectsBadDays()
    {
        await WaitForReadinessAsync(b => b.GetProperty("status").GetString() != "unknown", "an evaluation");

        var trend = await WaitFor.ValueAsync(() => _lab.Http.GetFromJsonAsync<JsonElement>("api/readiness/history?days=30"), t => t.GetArrayLength() > 0, "a stored result");
        using var bad = await _lab.Http.GetAsync("api/readiness/history?days=0");

        var point = trend.EnumerateArray().First();
        Assert.True(point.TryGetProperty("minScore", out _));
        Assert.True(point.TryGetProperty("worstStatus", out _));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Export_CsvAndJson_DownloadsTheReport()
    {
        await WaitForReadinessAsync(b => b.GetProperty("status").GetString() != "unknown", "an evaluation");

        using var csv = await _lab.Http.GetAsync("api/readiness/export?format=csv");
        using var json = await _lab.Http.GetAsync("api/readiness/export?format=json");
        using var bad = await _lab.Http.GetAsync("api/readiness/export?format=xml");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("evaluatedAt,status,score,rpoSeconds,rpoTargetSeconds,estimatedRtoSeconds,rtoSource", lines[0]);
        Assert.Equal("id,title,status,severity,summary,evidence,remediation,failingSince", lines[3]);
        Assert.Contains(lines, l => l.StartsWith("replication,", StringComparison.Ordinal));
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType ?? json.Headers.GetValues("Content-Disposition").First().Split(';')[0]);
        var exported = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(10, exported.GetProperty("checks").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
