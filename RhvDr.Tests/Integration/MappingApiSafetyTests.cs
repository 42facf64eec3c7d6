using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RhvDr.Core.Mapping;
using RhvDr.Tests.Mapping;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>
/// <c>PUT /api/mapping</c> on the running console over real HTTP, against the embedded lab (its seeded version 1 is the active
/// mapping): a body that would take DR protection away is refused unless the removal is confirmed, and input beyond the
/// <c>RhvDr:Limits</c> is refused in words that name the limit. One fresh console (and database) per test.
/// </summary>
public sealed class MappingApiSafetyTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _console = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _console.Settings["RhvDr:Readiness:MinEvaluationGap"] = "00:00:00.1";
        _http = _console.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
    }

    [Theory]
    [InlineData("", "application/yaml")]
    [InlineData("hello: world\n", "application/yaml")]
    [InlineData("{}", "application/json")]
    public async Task Put_BodyThatMapsNoStorage_Answers400AndActiveMappingStaysVersionOne(string body, string contentType)
    {
        var before = await GetMappingAsync();

        using var response = await _http.PutAsync("/api/mapping", new StringContent(body, Encoding.UTF8, contentType));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"PUT answered {(int)response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        if (contentType == "application/json" || body.Length > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(problem.GetProperty("noStorage").GetBoolean());
            Assert.Equal("all", problem.GetProperty("confirmRemoval").GetString());
            // It lists what the active version covers and this body would drop: every storage domain of the lab's mapping.
            var removed = problem.GetProperty("removed").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("name").GetString())).ToList();
            foreach (var storage in before.GetProperty("mapping").GetProperty("importStorages").EnumerateArray())
            {
                Assert.Contains(("storage domain", storage.GetProperty("primary").GetProperty("name").GetString()), removed);
            }
        }

        Assert.Contains("no storage domain", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await GetMappingAsync();
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.False(after.GetProperty("isDraft").GetBoolean());
    }

    [Fact]
    public async Task PutJson_ObjectOfUnknownFields_Answers400NamingTheFieldAndActiveMappingStaysVersionOne()
    {
        using var response = await _http.PutAsync("/api/mapping", new StringContent("{\"x\":1}", Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"PUT answered {(int)response.StatusCode}: {text}");
        var finding = JsonDocument.Parse(text).RootElement.GetProperty("findings")[0];
        Assert.Equal("x", finding.GetProperty("key").GetString());
        var after = await GetMappingAsync();
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.False(after.GetProperty("isDraft").GetBoolean());
    }

    [Fact]
    public async Task Put_DropsAStorageDomainWithoutConfirm_Answers400ListingIt_WithConfirmSavesAndAuditsTheRemoval()
    {
        var (json, dropped) = await WithoutFirstStorageDomainAsync();

        using var refused = await PutJsonAsync(json);

        var problemText = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"PUT answered {(int)refused.StatusCode}: {problemText}");
        var problem = JsonDocument.Parse(problemText).RootElement;
        Assert.Equal([("storage domain", dropped)], problem.GetProperty("removed").EnumerateArray().Select(r => (r.GetProperty("kind").GetString()!, r.GetProperty("name").GetString()!)));
        Assert.Equal(dropped, problem.GetProperty("confirmRemoval").GetString());
        Assert.Contains(dropped, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await GetMappingAsync()).GetProperty("version").GetInt32());

        using var confirmed = await PutJsonAsync(json, $"?confirmRemoval={Uri.EscapeDataString(dropped)}&comment=retired");

        var savedText = await confirmed.Content.ReadAsStringAsync();
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, $"PUT answered {(int)confirmed.StatusCode}: {savedText}");
        var saved = JsonDocument.Parse(savedText).RootElement;
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.False(saved.GetProperty("isDraft").GetBoolean());
        var audit = await _http.GetFromJsonAsync<JsonElement[]>("/api/audit");
        var entry = Assert.Single(audit!, a => a.GetProperty("target").GetString() == "mapping v2");
        Assert.Contains($"removal confirmed ({dropped}): storage domain {dropped}", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_BodyOverTwoMegabytes_Answers413NamingTheSetting()
    {
        var body = "dr_import_storages:\n" + string.Concat(Enumerable.Repeat("  - dr_primary_name: padding_padding_padding_padding\n", 2 * 1024 * 1024 / 50));
        Assert.True(Encoding.UTF8.GetByteCount(body) > 2 * 1000 * 1000);

        using var response = await PutYamlAsync(body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"PUT answered {(int)response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("RhvDr:Limits:MappingMaxBytes", problem.GetProperty("setting").GetString());
        Assert.Equal(1024 * 1024, problem.GetProperty("limitBytes").GetInt64());
        Assert.Contains("RhvDr:Limits:MappingMaxBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await GetMappingAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Put_ChunkedBodyOverTheLimit_Answers413NamingTheSettingNotAnEmpty405()
    {
        // No Content-Length: the server only finds out while reading, where its own bad-request error is raised.
        var bytes = Encoding.UTF8.GetBytes("dr_import_storages:\n" + string.Concat(Enumerable.Repeat("  - dr_primary_name: padding_padding_padding_padding\n", 1_300_000 / 50)));
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/yaml");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/mapping") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"PUT answered {(int)response.StatusCode}: {text}");
        Assert.Equal("RhvDr:Limits:MappingMaxBytes", JsonDocument.Parse(text).RootElement.GetProperty("setting").GetString());
    }

    [Fact]
    public async Task PostRun_BodyOverRequestLimit_Answers413NamingTheSetting()
    {
        using var response = await _http.PostAsync("/api/runs", new StringContent($"{{\"kind\":\"test\",\"overrideReason\":\"{new string('x', 70 * 1024)}\"}}", Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"POST answered {(int)response.StatusCode}: {text}");
        Assert.Equal("RhvDr:Limits:RequestMaxBytes", JsonDocument.Parse(text).RootElement.GetProperty("setting").GetString());
    }

    [Fact]
    public async Task Put_TooManyEntries_Answers400NamingTheLimitAndSetting()
    {
        var body = "dr_cluster_mappings:\n" + string.Concat(Enumerable.Range(0, 10_001).Select(i => $"  - {{primary_name: c{i}, secondary_name: r{i}}}\n"));

        using var response = await PutYamlAsync(body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"PUT answered {(int)response.StatusCode}: {text}");
        var finding = JsonDocument.Parse(text).RootElement.GetProperty("findings")[0];
        Assert.Equal(MappingFindingCodes.InputTooManyEntries, finding.GetProperty("code").GetString());
        Assert.Contains("dr_cluster_mappings", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("10000", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("RhvDr:Limits:MappingMaxEntries", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutJson_TooManyEntries_Answers400NamingTheLimit()
    {
        var clusters = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"{{\"primaryName\":\"c{i}\"}}"));

        using var response = await PutJsonAsync($"{{\"clusters\":[{clusters}]}}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"PUT answered {(int)response.StatusCode}: {text}");
        var finding = JsonDocument.Parse(text).RootElement.GetProperty("findings")[0];
        Assert.Equal(MappingFindingCodes.InputTooManyEntries, finding.GetProperty("code").GetString());
        Assert.Contains("RhvDr:Limits:MappingMaxEntries", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_AliasBomb_Answers400BeforeExpandingIt()
    {
        // Nine levels of ten aliases each: a billion entries once expanded, a few hundred bytes as text.
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }
        bomb.Append("dr_import_storages: *a9\n");

        using var response = await PutYamlAsync(bomb.ToString());

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"PUT answered {(int)response.StatusCode}: {text}");
        var finding = JsonDocument.Parse(text).RootElement.GetProperty("findings")[0];
        Assert.Equal(MappingFindingCodes.YamlAlias, finding.GetProperty("code").GetString());
        Assert.Equal(2, finding.GetProperty("line").GetInt32());
        Assert.Equal(1, (await GetMappingAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Put_ExampleFixtureOfTheRole_IsStillAccepted()
    {
        var path = MappingFixtures.SharedOriginalPath ?? MappingFixtures.ExampleCopyPath;

        using var response = await PutYamlAsync(await File.ReadAllTextAsync(path));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT answered {(int)response.StatusCode}: {text}");
        Assert.Equal(2, JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Readiness_ActiveMappingWithNoStorage_IsNoGoOnTheMappingCheck()
    {
        await SaveMappingWithNoStorageAsync();

        var readiness = await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>("/api/readiness"),
            r => r.GetProperty("checks").EnumerateArray().Any(c => c.GetProperty("id").GetString() == "mapping" && c.GetProperty("status").GetString() == "fail"),
            "the mapping check to fail", TimeSpan.FromSeconds(60));

        Assert.Equal("no-go", readiness.GetProperty("status").GetString());
        var check = readiness.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "mapping");
        Assert.Contains("maps no storage domain", check.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_TestFailoverWithNoStorageMapped_FailsAtPreflight()
    {
        await SaveMappingWithNoStorageAsync();

        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var details = await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            d => d.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            $"run {id} to end", TimeSpan.FromSeconds(90));

        var run = details.GetProperty("run");
        Assert.True(run.GetProperty("status").GetString() == "failed", run.GetRawText());
        Assert.Contains("No usable DR mapping", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        var preflight = details.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "preflight");
        Assert.Equal("failed", preflight.GetProperty("status").GetString());
    }

    private async Task SaveMappingWithNoStorageAsync()
    {
        var document = await GetMappingAsync();
        var mapping = JsonNode.Parse(document.GetProperty("mapping").GetRawText())!.AsObject();
        mapping["importStorages"] = new JsonArray();
        using var saved = await PutJsonAsync(mapping.ToJsonString(), "?confirmRemoval=all");
        var text = await saved.Content.ReadAsStringAsync();
        Assert.True(saved.StatusCode == HttpStatusCode.OK, $"PUT answered {(int)saved.StatusCode}: {text}");
        Assert.False(JsonDocument.Parse(text).RootElement.GetProperty("isDraft").GetBoolean(), text);
    }

    private async Task<(string Json, string Dropped)> WithoutFirstStorageDomainAsync()
    {
        var document = await GetMappingAsync();
        var mapping = JsonNode.Parse(document.GetProperty("mapping").GetRawText())!.AsObject();
        var storages = mapping["importStorages"]!.AsArray();
        // The master domain stays: a data center cannot be attached without one.
        var index = storages.Select((s, i) => (s, i)).First(p => p.s!["primary"]!["isMaster"]?.GetValue<bool?>() != true).i;
        var dropped = storages[index]!["primary"]!["name"]!.GetValue<string>();
        storages.RemoveAt(index);
        return (mapping.ToJsonString(), dropped);
    }

    private async Task<JsonElement> GetMappingAsync()
    {
        using var response = await _http.GetAsync("/api/mapping");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/mapping answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<HttpResponseMessage> PutYamlAsync(string yaml) =>
        _http.PutAsync("/api/mapping", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    private Task<HttpResponseMessage> PutJsonAsync(string json, string query = "") =>
        _http.PutAsync("/api/mapping" + query, new StringContent(json, Encoding.UTF8, "application/json"));
}
