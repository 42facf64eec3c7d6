using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Audit;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Plans;

/// <summary><c>/api/plans</c> on the running console over real HTTP, against the embedded lab's estate and seeded mapping.</summary>
public sealed class PlansApiTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _console = new();
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _http = _console.CreateApiClient();
        // Plans are checked against the active mapping (the lab's seed) and the primary inventory the console has read.
        using var mapping = await _http.GetAsync("/api/mapping");
        Assert.Equal(HttpStatusCode.OK, mapping.StatusCode);
        var inventory = _console.Services.GetRequiredService<IInventoryStore>();
        await WaitFor.ConditionAsync(() => inventory.Current.Find("primary")?.Inventory.Vms.Count > 0, "the primary site's first inventory");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
    }

    [Fact]
    public async Task Get_NothingSaved_Answers404SayingRunsRecoverEverything()
    {
        using var response = await _http.GetAsync("/api/plans");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'all'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutYaml_Example_ActiveWithOnlyTheWindowsReIpWarningAndExportReimportsEqual()
    {
        using var response = await PutYamlAsync(PlanFixtures.Example(), "first plans");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.False(saved.GetProperty("isDraft").GetBoolean());
        var finding = Assert.Single(saved.GetProperty("findings").EnumerateArray());
        Assert.Equal(PlanFindingCodes.ReIpNoCloudInit, finding.GetProperty("code").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("plans[0].re_ip[0].network", finding.GetProperty("key").GetString());
        Assert.Contains("windows_2019x64", finding.GetProperty("message").GetString(), StringComparison.Ordinal);

        var document = await _http.GetFromJsonAsync<JsonElement>("/api/plans");
        Assert.Equal(1, document.GetProperty("activeVersion").GetInt32());
        Assert.Equal("first plans", document.GetProperty("comment").GetString());
        var plans = document.GetProperty("document").GetProperty("plans");
        Assert.Equal(["core-services", "applications"], plans.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("tcp", plans[0].GetProperty("vms")[0].GetProperty("probe").GetProperty("kind").GetString());

        using var export = await _http.GetAsync("/api/plans/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(PlanYaml.FileName, export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(PlanYaml.Import(PlanFixtures.Example()).Document, PlanYaml.Import(await export.Content.ReadAsStringAsync()).Document);
    }

    [Fact]
    public async Task GetPlan_ExampleSaved_ListsTheTemplatesOnEachGroupsDomains()
    {
        using (await PutYamlAsync(PlanFixtures.Example())) { }
        var primary = _console.Services.GetRequiredService<IInventoryStore>().Current.Find("primary")!.Inventory;
        var onCore = primary.Templates.Where(t => t.DiskStorageDomainNames.All(d => d.Any(n => n is "primary_master_storage" or "scsi_domain")))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        var plan = await _http.GetFromJsonAsync<JsonElement>("/api/plans/core-services");

        var members = Assert.Single(plan.GetProperty("members").EnumerateArray());
        Assert.Equal("core", members.GetProperty("group").GetString());
        var templates = members.GetProperty("templates").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Contains("win2019-base", templates);
        Assert.Equal(onCore, templates);
        Assert.True(members.GetProperty("vmCount").GetInt32() > 0);
    }

    [Fact]
    public async Task PutYaml_UnknownVmAndBadCron_SavedAsDraftWithFindingsOnTheirLines()
    {
        using (await PutYamlAsync(PlanFixtures.Example())) { }
        var yaml = PlanFixtures.Example()
            .Replace("- name: \"prod-web-021\"", "- name: \"prod-web-999\"", StringComparison.Ordinal)
            .Replace("cron: \"0 3 * * 6\"", "cron: \"0 3 * * 8\"", StringComparison.Ordinal);

        using var response = await PutYamlAsync(yaml);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.True(saved.GetProperty("isDraft").GetBoolean());
        var lines = yaml.Split('\n');
        var unknown = Finding(saved, PlanFindingCodes.VmUnknown);
        Assert.Equal("plans[1].vms[2].name", unknown.GetProperty("key").GetString());
        Assert.Contains("prod-web-999", lines[unknown.GetProperty("line").GetInt32() - 1], StringComparison.Ordinal);
        var cron = Finding(saved, PlanFindingCodes.DrillBadCron);
        Assert.Equal("plans[0].drill.cron", cron.GetProperty("key").GetString());
        Assert.Contains("0 3 * * 8", lines[cron.GetProperty("line").GetInt32() - 1], StringComparison.Ordinal);

        // The draft is current; version 1 stays in force.
        var document = await _http.GetFromJsonAsync<JsonElement>("/api/plans");
        Assert.Equal(2, document.GetProperty("version").GetInt32());
        Assert.Equal(1, document.GetProperty("activeVersion").GetInt32());

        // One plan answers with its own findings only.
        var applications = await _http.GetFromJsonAsync<JsonElement>("/api/plans/applications");
        Assert.Equal([PlanFindingCodes.VmUnknown], applications.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal(["apps"], applications.GetProperty("protectionGroups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task PutYaml_MisspeltKey_Answers400WithLineAndSavesNothing()
    {
        var yaml = PlanFixtures.Example().Replace("start_delay_seconds: 30", "start_delay: 30", StringComparison.Ordinal);

        using var response = await PutYamlAsync(yaml);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var finding = Finding(body, MappingFindingCodes.KeyUnknown);
        Assert.Equal("plans[0].vms[3].start_delay", finding.GetProperty("key").GetString());
        Assert.Contains("start_delay: 30", yaml.Split('\n')[finding.GetProperty("line").GetInt32() - 1], StringComparison.Ordinal);
        Assert.Contains("start_delay_seconds", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        using var get = await _http.GetAsync("/api/plans");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task PutYaml_LargerThanAnOrdinaryRequest_TakesTheMappingFilesLimit()
    {
        // An estate's plans outgrow RhvDr:Limits:RequestMaxBytes (64 KiB) long before they reach a mapping file's 1 MiB.
        var yaml = PlanFixtures.Example().Replace("Bring the shared services back first", new string('x', 100_000), StringComparison.Ordinal);

        using var response = await PutYamlAsync(yaml);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tooLarge = await PutYamlAsync(yaml.Replace(new string('x', 100_000), new string('x', 1_100_000), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("A plans document may be at most 1048576 bytes", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutJson_DocumentAsGetAnswersIt_SavesANewVersionWithNoChanges()
    {
        using (await PutYamlAsync(PlanFixtures.Example())) { }
        var document = (await _http.GetFromJsonAsync<JsonElement>("/api/plans")).GetProperty("document").GetRawText();

        using var response = await _http.PutAsync("/api/plans", new StringContent(document, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.False(saved.GetProperty("isDraft").GetBoolean());
        Assert.Equal("no changes", saved.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task PutJson_MisspeltField_Answers400NamingIt()
    {
        const string json = """{"protectionGroups":[],"plans":[{"name":"p1","protectionGroups":["all"],"vms":[{"name":"prod-db-002","priorty":1}]}]}""";

        using var response = await _http.PutAsync("/api/plans", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var finding = Finding(await response.Content.ReadFromJsonAsync<JsonElement>(), MappingFindingCodes.KeyUnknown);
        Assert.Contains("priorty", finding.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Contains("plans document", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"protectionGroups":[{"name":"g1","storageDomains":["path2",null]}],"plans":[]}""", "protectionGroups[0].storageDomains[1]")]
    [InlineData("""{"protectionGroups":[],"plans":[{"name":"p1","protectionGroups":["all"],"vms":[{"name":"prod-db-002","after":[null]}]}]}""", "plans[0].vms[0].after[0]")]
    [InlineData("""{"protectionGroups":[],"plans":[null]}""", "plans[0]")]
    public async Task PutJson_NullInAList_Answers400NamingTheItemAndSavesNothing(string json, string key)
    {
        using var response = await _http.PutAsync("/api/plans", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var finding = Finding(await response.Content.ReadFromJsonAsync<JsonElement>(), MappingFindingCodes.ValueWrongType);
        Assert.Equal(key, finding.GetProperty("key").GetString());
        using var get = await _http.GetAsync("/api/plans");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task History_AddedChangedRemoved_ListsOnlyTheVersionsThatTouchedThePlan()
    {
        var example = PlanFixtures.Example();
        using (await PutYamlAsync(example)) { }
        using (await PutYamlAsync(example.Replace("Applications, then the web front ends", "Apps first", StringComparison.Ordinal))) { }
        using (await PutYamlAsync(example.Replace("Bring the shared services back first", "Shared services", StringComparison.Ordinal)
            .Replace("Applications, then the web front ends", "Apps first", StringComparison.Ordinal))) { }
        var withoutApplications = example[..example.IndexOf("- name: \"applications\"", StringComparison.Ordinal)];
        using (await PutYamlAsync(withoutApplications)) { }

        var history = await _http.GetFromJsonAsync<JsonElement>("/api/plans/applications/history");

        Assert.Equal([(4, "removed"), (2, "changed"), (1, "added")],
            history.EnumerateArray().Select(h => (h.GetProperty("version").GetInt32(), h.GetProperty("change").GetString())));
        using var unknown = await _http.GetAsync("/api/plans/nosuch/history");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("core-services", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_ReadsButCannotSave_AndTheAdministratorsSaveIsAudited()
    {
        using (await PutYamlAsync(PlanFixtures.Example(), "reviewed in git")) { }
        using var created = await _http.PostAsJsonAsync("/api/tokens", new { name = "plans-reader", role = "viewer" });
        using var viewer = _console.CreateApiClient((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());

        using var read = await viewer.GetAsync("/api/plans/core-services");
        using var export = await viewer.GetAsync("/api/plans/export");
        using var write = await viewer.PutAsync("/api/plans", new StringContent(PlanFixtures.Example(), Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(1, (await _http.GetFromJsonAsync<JsonElement>("/api/plans")).GetProperty("version").GetInt32());
        var audit = await _http.GetFromJsonAsync<JsonElement>($"/api/audit?action={AuditActions.PlansSave}");
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal("plans v1", entry.GetProperty("target").GetString());
        Assert.Contains("reviewed in git", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("core-services", entry.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PutYamlAsync(string yaml, string? comment = null) =>
        _http.PutAsync(comment is null ? "/api/plans" : $"/api/plans?comment={Uri.EscapeDataString(comment)}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    private static JsonElement Finding(JsonElement body, string code) =>
        Assert.Single(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == code);
}
