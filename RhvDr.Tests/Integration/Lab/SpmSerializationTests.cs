using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

/// <summary>
/// Storage operations in one data center queue behind the SPM, one at a time, and all succeed: the engine's
/// "storage pool is locked" refusals are retried internally by the lab rather than surfaced to the client.
/// </summary>
public sealed class SpmSerializationTests
{
    [Fact]
    public async Task TwoOvfUpdates_SameDataCenter_BothSucceedOneAfterTheOther()
    {
        // Arrange: 5 simulated seconds per OVF update at TimeScale 0.03 is 150 ms of real time.
        await using var lab = await LabServer.StartAsync(new LabOptions { TimeScale = 0.03, VmsPerSite = 40, AdminPassword = "x" });
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        var a = (await primary.FindByNameAsync("storagedomains", "storage_domain", "path2")).GetProperty("id").GetString();
        var b = (await primary.FindByNameAsync("storagedomains", "storage_domain", "scsi_domain2")).GetProperty("id").GetString();

        // Act
        var started = DateTimeOffset.UtcNow;
        var results = await Task.WhenAll(
            primary.PostAsync($"storagedomains/{a}/updateovfstore"),
            primary.PostAsync($"storagedomains/{b}/updateovfstore"));

        // Assert
        Assert.All(results, r => Assert.Equal("complete", r.GetProperty("status").GetString()));
        var done = lab.Simulation.Read("primary", engine => engine.Events
            .Where(e => e.Code == EventCodes.UserUpdateOvfStore.Code && e.Time >= started && (e.StorageDomainId == a || e.StorageDomainId == b))
            .Select(e => e.Time).Order().ToList());

        Assert.Equal(2, done.Count);
        Assert.True(done[1] - done[0] >= TimeSpan.FromMilliseconds(120), $"the second update finished {(done[1] - done[0]).TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task AsyncAction_ReturnsPendingThenJobFinishes()
    {
        // Arrange
        await using var lab = await LabServer.StartAsync(new LabOptions { TimeScale = 0.02, VmsPerSite = 20, AdminPassword = "x" });
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        var sd = (await primary.FindByNameAsync("storagedomains", "storage_domain", "path2")).GetProperty("id").GetString();

        // Act
        var (status, body) = await primary.SendAsync(HttpMethod.Post, $"storagedomains/{sd}/updateovfstore?async=true&correlation_id=ovf-1", "{}");

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.Accepted, status);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        await Poll.UntilAsync(async () =>
        {
            var jobs = await primary.ListAsync($"jobs?search={Uri.EscapeDataString("correlation_id=ovf-1")}", "job");
            return jobs.Count == 1 && jobs[0].GetProperty("status").GetString() == "finished";
        }, "the OVF update job finished");
    }
}
