namespace RhvDr.Tests.Lab;

public sealed class EngineSearchTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private static string Search(string collection, string query) => $"{collection}?search={Uri.EscapeDataString(query)}";

    [Fact]
    public async Task Search_ExactName_ReturnsOne()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        var hosts = await client.ListAsync(Search("hosts", "name=host-prod-03"), "host");

        Assert.Equal("host-prod-03", Assert.Single(hosts).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Search_NamePrefix_ReturnsOnlyMatches()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        var domains = await client.ListAsync(Search("storagedomains", "name=scsi*"), "storage_domain");

        Assert.Equal(new[] { "scsi_domain", "scsi_domain2" }, domains.Select(d => d.GetProperty("name").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task Search_StatusAndDataCenter_FiltersOnBoth()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var all = await client.ListAsync("vms", "vm");

        var up = await client.ListAsync(Search("vms", "status=up and datacenter=Prod"), "vm");
        var none = await client.ListAsync(Search("vms", "status=up and datacenter=Recovery"), "vm");

        Assert.Equal(all.Count(v => v.GetProperty("status").GetString() == "up"), up.Count);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Search_IdAndMax_Limit()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var first = (await client.ListAsync("vms?max=3", "vm")).ToList();

        var byId = await client.ListAsync(Search("vms", "id=" + first[1].GetProperty("id").GetString()), "vm");

        Assert.Equal(3, first.Count);
        Assert.Equal(first[1].GetProperty("name").GetString(), Assert.Single(byId).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Search_IdsJoinedByOr_ReturnsEachOnceAndSkipsUnknownIds()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var first = (await client.ListAsync("vms?max=3", "vm")).ToList();
        var ids = first.Select(v => v.GetProperty("id").GetString()!).ToList();

        var found = await client.ListAsync(Search("vms", $"id={ids[0]} or id={ids[2]} or id=00000000-0000-0000-0000-000000000000 or ID={ids[0]}"), "vm");

        Assert.Equal(new[] { ids[0], ids[2] }.Order(), found.Select(v => v.GetProperty("id").GetString()!).Order());
        Assert.All(found, v => Assert.True(v.TryGetProperty("status", out _)));
    }

    [Fact]
    public async Task Search_AndBindsTighterThanOr()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var all = await client.ListAsync("vms", "vm");
        var down = all.First(v => v.GetProperty("status").GetString() != "up");
        var up = all.Where(v => v.GetProperty("status").GetString() == "up").ToList();

        // (name=<down VM> and status=up) matches nothing; (status=up) matches every running VM.
        var found = await client.ListAsync(Search("vms", $"name={down.GetProperty("name").GetString()} and status=up or status=up"), "vm");

        Assert.Equal(up.Count, found.Count);
        Assert.DoesNotContain(found, v => v.GetProperty("id").GetString() == down.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Search_NoMatch_ReturnsEmptyObject()
    {
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        var answer = await client.GetAsync(Search("vms", "name=does-not-exist"));

        Assert.Empty(answer.EnumerateObject());
    }
}
