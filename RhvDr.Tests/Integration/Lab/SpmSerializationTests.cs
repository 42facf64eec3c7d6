using RhvDr.Lab;
using Microsoft.Extensions.Time.Testing;
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
        // Arrange: the lab runs on a clock the test moves; an OVF update takes 5 simulated seconds at TimeScale 1.
        var time = new CountingTimeProvider(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero));
        await using var lab = await LabServer.StartAsync(
            new LabOptions { TimeScale = 1, VmsPerSite = 40, AdminPassword = "x" }, timeProvider: time);
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        var a = (await primary.FindByNameAsync("storagedomains", "storage_domain", "path2")).GetProperty("id").GetString();
        var b = (await primary.FindByNameAsync("storagedomains", "storage_domain", "scsi_domain2")).GetProperty("id").GetString();
        var started = time.GetUtcNow();
        var update = TimeSpan.FromSeconds(5);

        // Act: both updates are asked for at once. Each update's 5 s is a timer on the lab's clock; the second one's
        // timer exists only once the SPM has let it through, which is after the first has finished. Only 5 s timers are
        // counted: the lab may set others on its clock meanwhile, and counting those could move the clock before the first
        // update has begun, leaving the second to wait for ever.
        var results = Task.WhenAll(
            primary.PostAsync($"storagedomains/{a}/updateovfstore"),
            primary.PostAsync($"storagedomains/{b}/updateovfstore"));
        await Poll.UntilAsync(() => Task.FromResult(time.TimersDue(update) == 1), "the first OVF update is under way");
        time.Advance(update);
        await Poll.UntilAsync(() => Task.FromResult(time.TimersDue(update) == 2), "the second OVF update is under way");
        time.Advance(update);

        // Assert
        Assert.All(await results, r => Assert.Equal("complete", r.GetProperty("status").GetString()));
        var done = lab.Simulation.Read("primary", engine => engine.Events
            .Where(e => e.Code == EventCodes.UserUpdateOvfStore.Code && (e.StorageDomainId == a || e.StorageDomainId == b))
            .Select(e => e.Time).Order().ToList());
        Assert.Equal([started.AddSeconds(5), started.AddSeconds(10)], done);
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

/// <summary>A fake clock that counts the timers made on it by due time, so a test knows when the lab has begun a wait.</summary>
internal sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TimeSpan, int> _timersByDue = new();

    public int TimersDue(TimeSpan dueTime) => _timersByDue.GetValueOrDefault(dueTime);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timersByDue.AddOrUpdate(dueTime, 1, (_, count) => count + 1);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
