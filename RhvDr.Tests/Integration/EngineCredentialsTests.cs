using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

public sealed class EngineCredentialsTests
{
    [Fact]
    public async Task Sites_WrongPasswordForOneEngine_ThatSiteSaysAuthenticationFailedAndTheOtherWorks()
    {
        using var console = new ConsoleAppFactory();
        console.Settings["RhvDr:Sites:0:Password"] = "not-the-password";
        using var http = console.CreateApiClient();

        var sites = await WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            s => s.Length == 2 && s.All(site => site.GetProperty("engine").GetProperty("status").GetString() != "unknown"),
            "both sites polled");

        var primary = sites.Single(s => s.GetProperty("name").GetString() == "primary").GetProperty("engine");
        var recovery = sites.Single(s => s.GetProperty("name").GetString() == "recovery").GetProperty("engine");
        Assert.Equal("authenticationFailed", primary.GetProperty("status").GetString());
        Assert.Contains("authentication failed", primary.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not-the-password", primary.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("connected", recovery.GetProperty("status").GetString());
    }
}
