using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>The engine check inside the running console: <c>GET /api/engines/check</c> and the page, for administrators only.</summary>
public sealed class EngineCheckApiTests
{
    [Fact]
    public async Task EnginesCheck_AdministratorGetsTheReport_OthersAreRefusedApiAndPage()
    {
        await using var lab = await ExternalLab.StartAsync();
        using var console = new ConsoleAppFactory();
        foreach (var (key, value) in lab.ConsoleSettings())
        {
            console.Settings[key] = value;
        }
        using var admin = console.CreateApiClient();

        var report = await admin.GetFromJsonAsync<JsonElement>("/api/engines/check");

        Assert.True(report.GetProperty("usable").GetBoolean());
        var sites = report.GetProperty("sites").EnumerateArray().ToList();
        Assert.Equal(["primary", "recovery"], sites.Select(s => s.GetProperty("site").GetString()));
        Assert.All(sites, s =>
        {
            Assert.Equal("ok", s.GetProperty("status").GetString());
            Assert.Equal("CN=RhvDr test engine CA", s.GetProperty("tls").GetProperty("certificate").GetProperty("issuer").GetString());
            Assert.Equal("caFile", s.GetProperty("tls").GetProperty("trust").GetString());
        });
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/engines")).StatusCode);

        foreach (var role in new[] { "viewer", "operator" })
        {
            using var created = await admin.PostAsJsonAsync("/api/tokens", new { name = "check-" + role, role });
            created.EnsureSuccessStatusCode();
            var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            using var other = console.CreateApiClient(token);

            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/engines/check")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/admin/engines")).StatusCode);
        }
    }
}
