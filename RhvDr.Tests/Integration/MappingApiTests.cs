using RhvDr.Core.Security;
using RhvDr.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RhvDr.Core.Mapping;
using RhvDr.Tests.Mapping;

namespace RhvDr.Tests.Integration;

/// <summary><c>/api/mapping</c> on the running console over real HTTP, against the embedded lab; one fresh console (and database) per test.</summary>
public sealed class MappingApiTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _console = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _console.CreateApiClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Get_FreshLabConsole_AnswersSeededVersionOneWithoutErrors()
    {
        var document = await GetMappingAsync();

        Assert.Equal(1, document.GetProperty("version").GetInt32());
        Assert.Equal(Actor.System.Name, document.GetProperty("savedBy").GetString());
        Assert.False(document.GetProperty("isDraft").GetBoolean());
        Assert.DoesNotContain(document.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "error");
        var cluster = document.GetProperty("mapping").GetProperty("clusters")[0];
        Assert.Equal("cluster_prod", cluster.GetProperty("primaryName").GetString());
        Assert.Equal("cluster_recovery", cluster.GetProperty("secondaryName").GetString());
    }

    [Fact]
    public async Task PutYaml_ExampleFixture_SavedAsDraftWithExistenceFindingsOnLines()
    {
        var fixture = MappingFixtures.Example();
        using var response = await PutYamlAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.True(saved.GetProperty("isDraft").GetBoolean());
        var missing = saved.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("code").GetString() is MappingFindingCodes.ObjectMissingPrimary or MappingFindingCodes.ObjectMissingSecondary)
            .ToList();
        Assert.NotEmpty(missing);
        // Each finding points at the fixture line holding the name that is missing.
        var lines = fixture.Split('\n');
        Assert.All(missing, f =>
        {
            var key = f.GetProperty("key").GetString()!;
            var property = key[(key.LastIndexOf('.') + 1)..];
            Assert.Contains(property + ":", lines[f.GetProperty("line").GetInt32() - 1], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task PutYaml_Malformed_Answers400WithLineAndColumnAndSavesNothing()
    {
        await GetMappingAsync();

        using var response = await PutYamlAsync("dr_sites_primary_url: https://a\ndr_cluster_mappings:\n  - primary_name: [unclosed\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var finding = body.GetProperty("findings")[0];
        Assert.Equal(MappingFindingCodes.YamlSyntax, finding.GetProperty("code").GetString());
        Assert.True(finding.GetProperty("line").GetInt32() >= 3);
        Assert.True(finding.GetProperty("column").GetInt32() > 0);
        Assert.Equal(1, (await GetMappingAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Export_AfterPuttingFixture_AnswersYamlAttachmentThatReimportsEqual()
    {
        using (await PutYamlAsync(MappingFixtures.Example()))
        {
        }

        using var response = await _http.GetAsync("/api/mapping/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("disaster_recovery_vars.yml", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var exported = DrMappingYaml.Import(await response.Content.ReadAsStringAsync());
        Assert.Equal(DrMappingYaml.Import(MappingFixtures.Example()).Mapping, exported.Mapping);
    }

    [Fact]
    public async Task PutJson_MappingOfGet_SavesNewVersionWithNoChanges()
    {
        var document = await GetMappingAsync();
        var json = document.GetProperty("mapping").GetRawText();

        using var response = await _http.PutAsync("/api/mapping", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.False(saved.GetProperty("isDraft").GetBoolean());
        Assert.Equal("no changes", saved.GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData("primaryPort", "\"not-a-port\"", MappingFindingCodes.KeyUnknown, "importStorages[2].primaryPort")]
    [InlineData("wipeAfterDelete", "\"yes-please\"", MappingFindingCodes.ValueWrongType, "importStorages[2].wipeAfterDelete")]
    public async Task PutJson_MisspeltFieldOrWrongType_Answers400WithKeyAndLineAndSavesNothing(string field, string value, string code, string key)
    {
        var document = await GetMappingAsync();
        var mapping = JsonNode.Parse(document.GetProperty("mapping").GetRawText())!;
        mapping["importStorages"]![2]![field] = JsonNode.Parse(value);
        var json = mapping.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var line = Array.FindIndex(json.Split('\n'), l => l.Contains($"\"{field}\": {value}", StringComparison.Ordinal)) + 1;

        using var response = await _http.PutAsync("/api/mapping", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var finding = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray());
        Assert.Equal(code, finding.GetProperty("code").GetString());
        Assert.Equal(key, finding.GetProperty("key").GetString());
        Assert.True(line > 1);
        Assert.Equal(line, finding.GetProperty("line").GetInt32());
        Assert.Equal(1, (await GetMappingAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rollback_AfterDraftImport_SavesOldBodyAsNewCleanVersion()
    {
        using (await PutYamlAsync(MappingFixtures.Example()))
        {
        }

        using var response = await _http.PostAsync("/api/mapping/rollback/1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, saved.GetProperty("version").GetInt32());
        Assert.False(saved.GetProperty("isDraft").GetBoolean());
        var versions = await _http.GetFromJsonAsync<JsonElement[]>("/api/mapping/versions");
        Assert.NotNull(versions);
        Assert.Equal([3, 2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("rollback to v1", versions[0].GetProperty("comment").GetString());
        Assert.True(versions[1].GetProperty("isDraft").GetBoolean());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
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
}
