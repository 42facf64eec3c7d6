using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Lab;

namespace RhvDr.Tests.Lab;

/// <summary>A real engine's audit log is never empty; tools that read the newest event before acting rely on it.</summary>
public sealed class EngineStartEventTests
{
    [Fact]
    public async Task Events_FreshEngine_NewestIsTheEngineStart()
    {
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions());
        using var client = await LabTestClient.LoginAsync(lab, "recovery");

        var events = await client.Http.GetFromJsonAsync<JsonElement>("events?max=1");

        var newest = Assert.Single(events.GetProperty("event").EnumerateArray());
        Assert.Equal("1", newest.GetProperty("code").ToString());
        Assert.Equal("Starting oVirt Engine.", newest.GetProperty("description").GetString());
    }
}
