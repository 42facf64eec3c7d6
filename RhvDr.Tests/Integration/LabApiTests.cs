using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RhvDr.Tests.Integration;

/// <summary><c>/api/lab</c> on the console with its embedded lab: what the Lab page does, for scripts, audited, Operator only.</summary>
public sealed class LabApiTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();
    private HttpClient _admin = null!;

    public Task InitializeAsync()
    {
        _factory.Settings["Lab:VmsPerSite"] = "20";
        _factory.Settings["Lab:HostsPerSite"] = "3";
        _admin = _factory.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task SiteDownThenUp_AsOperator_LabFollowsAndBothAreAudited()
    {
        // Arrange
        using var @operator = _factory.CreateApiClient(await CreateTokenAsync("noc-olga", "operator"));

        // Act
        using var down = await @operator.PostAsync("/api/lab/sites/primary/down", null);
        var whileDown = await @operator.GetFromJsonAsync<JsonElement>("/api/lab");
        using var up = await @operator.PostAsync("/api/lab/sites/primary/up", null);

        // Assert
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.False(Site(await down.Content.ReadFromJsonAsync<JsonElement>(), "primary").GetProperty("up").GetBoolean());
        Assert.False(Site(whileDown, "primary").GetProperty("up").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.True(Site(await up.Content.ReadFromJsonAsync<JsonElement>(), "primary").GetProperty("up").GetBoolean());
        var audit = await LabAuditAsync();
        Assert.Contains("token:noc-olga ok Site primary is down.", audit);
        Assert.Contains("token:noc-olga ok Site primary is coming back up.", audit);
    }

    [Fact]
    public async Task HostFaultsAndArray_AsOperator_EachActsAndIsAudited()
    {
        // Arrange
        using var @operator = _factory.CreateApiClient(await CreateTokenAsync("noc-ivan", "operator"));
        var pairs = await @operator.GetFromJsonAsync<JsonElement>("/api/lab/array/pairs");
        var pair = pairs.EnumerateArray().First(p => p.GetProperty("state").GetString() == "replicating").GetProperty("id").GetString()!;

        // Act
        using var hostDown = await @operator.PostAsync("/api/lab/sites/primary/hosts/host-prod-01/down", null);
        using var hostUp = await @operator.PostAsync("/api/lab/sites/primary/hosts/host-prod-01/up", null);
        using var faults = await @operator.PostAsJsonAsync("/api/lab/faults", new { errorRate = 0.0, latencyMs = 5 });
        using var split = await @operator.PostAsync($"/api/lab/array/pairs/{pair}/split", null);
        var afterSplit = await @operator.GetFromJsonAsync<JsonElement>($"/api/lab/array/pairs/{pair}");
        using var resync = await @operator.PostAsync($"/api/lab/array/pairs/{pair}/resync", null);

        // Assert
        Assert.All([hostDown, hostUp, faults, split, resync], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, Site(await hostDown.Content.ReadFromJsonAsync<JsonElement>(), "primary").GetProperty("hostsDown").GetInt32());
        Assert.Equal(5, (await faults.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("faults").GetProperty("latencyMs").GetInt32());
        Assert.Equal("split", (await split.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal("split", afterSplit.GetProperty("state").GetString());
        var audit = await LabAuditAsync();
        Assert.Contains("token:noc-ivan ok Host host-prod-01 at primary stopped answering.", audit);
        Assert.Contains("token:noc-ivan ok Host host-prod-01 at primary is recovering.", audit);
        Assert.Contains("token:noc-ivan ok Faults applied: 0 % errors, 5 ms latency.", audit.Select(a => a.Replace("0%", "0 %", StringComparison.Ordinal)));
        Assert.Contains($"token:noc-ivan ok Array split on pair {pair}.", audit);
        Assert.Contains($"token:noc-ivan ok Array resync on pair {pair}.", audit);
    }

    [Fact]
    public async Task UnknownSiteOrRefusedAction_AsOperator_LabsWordsWithItsStatusAndAuditedAsFailed()
    {
        // Arrange
        using var @operator = _factory.CreateApiClient(await CreateTokenAsync("noc-pia", "operator"));

        // Act
        using var unknown = await @operator.PostAsync("/api/lab/sites/nowhere/down", null);
        using var badAction = await @operator.PostAsync("/api/lab/array/pairs/pair-nowhere/explode", null);
        using var badFaults = await @operator.PostAsJsonAsync("/api/lab/faults", new { errorRate = 2.0, latencyMs = 0 });

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nowhere", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, badAction.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFaults.StatusCode);
        Assert.Contains("errorRate", (await badFaults.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var audit = await LabAuditAsync();
        Assert.Contains(audit, a => a.StartsWith("token:noc-pia failed Could not take site nowhere down: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Viewer_EveryLabRoute_403AndTheLabIsUntouched()
    {
        // Arrange
        using var viewer = _factory.CreateApiClient(await CreateTokenAsync("grafana", "viewer"));

        // Act
        using var read = await viewer.GetAsync("/api/lab");
        using var down = await viewer.PostAsync("/api/lab/sites/primary/down", null);
        using var array = await viewer.PostAsync("/api/lab/array/pairs/pair-path2/break", null);

        // Assert
        Assert.All([read, down, array], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.True(Site(await _admin.GetFromJsonAsync<JsonElement>("/api/lab"), "primary").GetProperty("up").GetBoolean());
        Assert.DoesNotContain(await LabAuditAsync(), a => a.Contains("ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_LabRoutes_401()
    {
        using var anonymous = _factory.CreateApiClient(token: null);

        using var read = await anonymous.GetAsync("/api/lab");
        using var down = await anonymous.PostAsync("/api/lab/sites/primary/down", null);

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, down.StatusCode);
    }

    private static JsonElement Site(JsonElement status, string name) =>
        status.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    // "actor outcome detail" of each lab.control audit entry.
    private async Task<List<string>> LabAuditAsync()
    {
        var audit = await _admin.GetFromJsonAsync<JsonElement>("/api/audit?action=lab.");
        return [.. audit.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "lab.control")
            .Select(e => $"{e.GetProperty("actor").GetString()} {e.GetProperty("outcome").GetString()} {e.GetProperty("detail").GetString()}")];
    }

    private async Task<string> CreateTokenAsync(string name, string role)
    {
        using var response = await _admin.PostAsJsonAsync("/api/tokens", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
