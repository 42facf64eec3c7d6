using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

public sealed class LabArrayTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    [Fact]
    public async Task GetPairs_DefaultEstate_OnePairPerReplicatedDataDomain()
    {
        // Arrange
        using var http = fixture.Lab.CreateControlHttp();

        // Act
        var pairs = await http.GetFromJsonAsync<JsonElement>("lab/array/pairs");

        // Assert
        var byName = pairs.EnumerateArray().ToDictionary(p => p.GetProperty("domainName").GetString()!);
        Assert.Equal(["path2", "primary_master_storage", "scsi_domain", "scsi_domain2"], byName.Keys.Order().ToArray());
        Assert.Equal("sync", byName["scsi_domain"].GetProperty("mode").GetString());
        Assert.Equal("async", byName["path2"].GetProperty("mode").GetString());
        Assert.Equal(300, byName["path2"].GetProperty("intervalSeconds").GetInt32());
        Assert.All(byName.Values, p =>
        {
            Assert.Equal("primary", p.GetProperty("sourceSite").GetString());
            Assert.Equal("recovery", p.GetProperty("targetSite").GetString());
            Assert.Equal("replicating", p.GetProperty("state").GetString());
            // A replicating sync pair is never behind; an async one at most one interval.
            var lag = p.GetProperty("lagSeconds").GetDouble();
            if (p.GetProperty("mode").GetString() == "sync")
            {
                Assert.Equal(0, lag);
            }
            else
            {
                Assert.InRange(lag, 0, p.GetProperty("intervalSeconds").GetInt32());
            }
            Assert.True(p.GetProperty("lastSync").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        });
    }

    [Fact]
    public async Task PostPairAction_UnknownAction_Returns404()
    {
        using var http = fixture.Lab.CreateControlHttp();

        using var response = await http.PostAsync("lab/array/pairs/pair-path2/explode", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PromoteThenReverse_Pair_ReplicatesFromRecovery()
    {
        // Arrange: a lab of its own, since this changes the array.
        await using var lab = await RhvDr.Lab.LabServer.StartAsync(LabFixture.InstantOptions());
        using var http = lab.CreateControlHttp();

        // Act
        using var promoted = await http.PostAsync("lab/array/pairs/pair-path2/promote", null);
        var afterPromote = await promoted.Content.ReadFromJsonAsync<JsonElement>();
        using var reversed = await http.PostAsync("lab/array/pairs/pair-path2/reverse", null);
        var afterReverse = await reversed.Content.ReadFromJsonAsync<JsonElement>();
        using var refused = await http.PostAsync("lab/array/pairs/pair-path2/reverse", null);

        // Assert
        Assert.Equal("promoted", afterPromote.GetProperty("state").GetString());
        Assert.Equal("recovery", afterReverse.GetProperty("sourceSite").GetString());
        Assert.Equal("primary", afterReverse.GetProperty("targetSite").GetString());
        Assert.Equal("replicating", afterReverse.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }
}
