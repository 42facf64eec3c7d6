using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>Sign-in, roles, four-eyes, the audit chain and secrets on the real console over HTTP.</summary>
public sealed class SecurityApiTests : IAsyncLifetime
{
    private const string EnginePassword = "Engine-Secret-7f3a9c";

    private readonly ConsoleAppFactory _factory = new();
    private readonly CapturingLoggerProvider _log = new();
    private HttpClient _admin = null!;

    public Task InitializeAsync()
    {
        _factory.Settings["Lab:VmsPerSite"] = "20";
        _factory.Settings["Lab:HostsPerSite"] = "3";
        _factory.Settings["RhvDr:Security:MaxFailedSignIns"] = "3";
        // The product's defaults: a disaster failover and any failback need a second operator.
        _factory.Settings["RhvDr:Security:FourEyes:Failover"] = "Disaster";
        _factory.Settings["RhvDr:Security:FourEyes:Failback"] = "Always";
        _factory.ServiceOverrides.Add(services => services.AddSingleton<ILoggerProvider>(_log));
        _admin = _factory.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Anonymous_PagesApiAndHub_AreRefused()
    {
        using var anonymous = _factory.CreateApiClient(token: null);
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _factory.BaseAddress };

        using var page = await noRedirect.GetAsync("/runs");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/sites")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/runs", new { kind = "test" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);

        await using var hub = _factory.CreateHubConnection(token: null);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await using var wrongToken = _factory.CreateHubConnection("rhvdr_not_a_token_at_all_0000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<HttpRequestException>(() => wrongToken.StartAsync())).StatusCode);
        await using var withToken = _factory.CreateHubConnection();
        await withToken.StartAsync();
    }

    [Fact]
    public async Task Roles_ViewerAndOperator_AreRefusedWhatTheirRoleDoesNotAllow()
    {
        using var viewer = _factory.CreateApiClient(await CreateTokenAsync("grafana", "viewer"));
        using var @operator = _factory.CreateApiClient(await CreateTokenAsync("noc-bot", "operator"));

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/readiness")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned" })).StatusCode);

        var mapping = await _admin.GetStringAsync("/api/mapping/export");
        using var put = await @operator.PutAsync("/api/mapping", new StringContent(mapping, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.GetAsync("/api/mapping/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.PostAsJsonAsync("/api/tokens", new { name = "mine", role = "administrator" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await @operator.GetAsync("/api/mapping")).StatusCode);
    }

    [Fact]
    public async Task FourEyes_DisasterFailover_NeedsASecondOperatorWithAReason()
    {
        using var alice = _factory.CreateApiClient(await CreateTokenAsync("alice", "operator"));
        using var bob = _factory.CreateApiClient(await CreateTokenAsync("bob", "operator"));
        await WaitForSitesAsync();

        using var started = await alice.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "disaster", confirmSite = "primary" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal("awaitingApproval", body.GetProperty("status").GetString());

        using var self = await alice.PostAsJsonAsync($"/api/runs/{id}/approve", new { reason = "site is gone, approving my own run" });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("second operator", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var noReason = await bob.PostAsJsonAsync($"/api/runs/{id}/approve", new { reason = "" });
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        var waiting = await _admin.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.Equal("awaitingApproval", waiting.GetProperty("run").GetProperty("status").GetString());
        Assert.Empty(waiting.GetProperty("steps").EnumerateArray());

        using var approved = await bob.PostAsJsonAsync($"/api/runs/{id}/approve", new { reason = "confirmed with the storage team: primary array is down" });
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        var run = await WaitFor.ValueAsync(() => _admin.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            details => details.GetProperty("steps").GetArrayLength() > 0, "the approved run to start its steps");
        Assert.Equal("token:bob", run.GetProperty("run").GetProperty("approvedBy").GetString());
        await _admin.PostAsync($"/api/runs/{id}/cancel", null);

        var audit = await _admin.GetFromJsonAsync<JsonElement>("/api/audit?action=run.");
        var actions = audit.EnumerateArray().Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("actor").GetString()} {e.GetProperty("outcome").GetString()}").ToList();
        Assert.Contains("run.start token:alice ok", actions);
        Assert.Contains("run.approve token:alice denied", actions);
        Assert.Contains("run.approve token:bob ok", actions);
    }

    [Fact]
    public async Task Audit_EditedRow_VerificationNamesIt()
    {
        await CreateTokenAsync("one", "viewer");
        await CreateTokenAsync("two", "viewer");
        Assert.True((await _admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("intact").GetBoolean());

        await using (var connection = new SqliteConnection($"Data Source={DatabasePath()}"))
        {
            await connection.ExecuteAsync("UPDATE audit_log SET target = 'someone else' WHERE seq = 2;");
        }

        var verify = await _admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verify.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task EngineCredentials_SetThroughTheApi_NeverStoredReturnedOrLoggedInClear()
    {
        using var put = await _admin.PutAsJsonAsync("/api/credentials/recovery", new { username = "dr-svc@internal", password = EnginePassword });
        var answer = await put.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.DoesNotContain(EnginePassword, answer, StringComparison.Ordinal);

        // The lab does not know this account: the next poll of the recovery site fails to sign in, with the new user.
        var sites = await WaitFor.ValueAsync(() => _admin.GetStringAsync("/api/sites"),
            text => text.Contains("authentication", StringComparison.OrdinalIgnoreCase), "the recovery engine to refuse the new account");
        Assert.DoesNotContain(EnginePassword, sites, StringComparison.Ordinal);
        Assert.DoesNotContain(EnginePassword, await _admin.GetStringAsync("/api/credentials"), StringComparison.Ordinal);
        Assert.DoesNotContain(EnginePassword, await _admin.GetStringAsync("/api/audit"), StringComparison.Ordinal);

        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DatabasePath())!, "rhvdr.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(EnginePassword)), $"{Path.GetFileName(file)} holds the engine password in clear text");
        }
        Assert.DoesNotContain(_log.Lines, line => line.Contains(EnginePassword, StringComparison.Ordinal));
        Assert.Contains(_log.Lines, line => line.Contains("Engine credentials of site recovery changed to user dr-svc@internal", StringComparison.Ordinal));
    }

    private async Task<string> CreateTokenAsync(string name, string role)
    {
        using var response = await _admin.PostAsJsonAsync("/api/tokens", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private string DatabasePath() => _factory.Services.GetRequiredService<RhvDr.Core.Data.SqliteConnectionFactory>().DatabasePath;

    private async Task WaitForSitesAsync() =>
        await WaitFor.ValueAsync(() => _admin.GetFromJsonAsync<JsonElement>("/api/sites"),
            sites => sites.GetArrayLength() == 2 && sites.EnumerateArray().All(s => s.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "both engines to be read");

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
