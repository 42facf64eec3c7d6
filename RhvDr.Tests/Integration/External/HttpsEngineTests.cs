using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>The console against the lab served over HTTPS as engines it does not own, trusted through a CA file or a pinned fingerprint.</summary>
public sealed class HttpsEngineTests
{
    [Theory]
    [InlineData("CaFile")]
    [InlineData("CaFingerprint")]
    public async Task Sites_HttpsEnginesTrusted_BothConnectedWithTheirInventory(string trust)
    {
        await using var lab = await ExternalLab.StartAsync();
        using var console = new ConsoleAppFactory();
        foreach (var (key, value) in lab.ConsoleSettings())
        {
            console.Settings[key] = value;
        }
        if (trust == "CaFingerprint")
        {
            console.Settings["RhvDr:Sites:0:CaFile"] = null;
            console.Settings["RhvDr:Sites:1:CaFile"] = null;
            console.Settings["RhvDr:Sites:0:CaFingerprint"] = lab.CaFingerprint;
            console.Settings["RhvDr:Sites:1:CaFingerprint"] = lab.CaFingerprint;
        }
        using var http = console.CreateApiClient();

        var sites = await WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            s => s.Length == 2 && s.All(site => site.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "both https engines connected");

        Assert.All(sites, site => Assert.StartsWith("https://127.0.0.1:", site.GetProperty("engine").GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.Equal(4, sites.Single(s => s.GetProperty("name").GetString() == "primary").GetProperty("hosts").GetProperty("total").GetInt32());
    }
}
