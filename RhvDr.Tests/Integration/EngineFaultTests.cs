using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Hosting;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

public sealed class EngineFaultTests
{
    [Fact]
    public async Task Sites_EngineAnswersFaults_SiteShowsTheEngineReasonAndKeepsLastInventory()
    {
        using var console = new ConsoleAppFactory();
        using var http = console.CreateApiClient();
        await WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            s => s.Length == 2 && s.All(site => site.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "both sites connected");

        await console.Services.GetRequiredService<ILabControl>().SetFaultsAsync(new LabFaults(ErrorRate: 1.0, LatencyMs: 0));

        var primary = await WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement>("/api/sites/primary"),
            s => s.GetProperty("engine").GetProperty("status").GetString() == "faulted",
            "the primary site faulted");
        var message = primary.GetProperty("engine").GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Contains("Service Unavailable", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(8, primary.GetProperty("hosts").GetProperty("total").GetInt32());
    }
}
