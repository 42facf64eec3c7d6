using Microsoft.Extensions.Time.Testing;
using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

/// <summary>How tests and tools reach the lab's state: each engine behind its own lock, taken in one order.</summary>
public sealed class LabStateAccessTests
{
    [Fact]
    public void Read_NestedInTheLockOrder_SeesBothSites()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 0 });

        var counts = lab.Read("primary", primary => (primary.Vms.Count, lab.Read("recovery", recovery => recovery.Vms.Count)));

        Assert.Equal(lab.Read("primary", e => e.Vms.Count), counts.Item1);
        Assert.Equal(lab.Read("recovery", e => e.Vms.Count), counts.Item2);
    }

    [Fact]
    public void Read_NestedAgainstTheLockOrder_ThrowsNamingTheLockInsteadOfDeadlocking()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 0 });

        var error = Assert.Throws<InvalidOperationException>(() => lab.Read("recovery", _ => lab.Read("primary", e => e.Vms.Count)));

        Assert.Contains("engine 'primary'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_ChangeToOneSite_SeenByTheNextReadAndNotByTheOtherSite()
    {
        using var lab = new LabSimulation(new LabOptions { TimeScale = 0 });
        var host = lab.Read("primary", e => e.Hosts.Values.First().Id);
        var version = lab.Version;

        lab.Stage("primary", e => e.Hosts[host].Status = "maintenance");

        Assert.Equal("maintenance", lab.Read("primary", e => e.Hosts[host].Status));
        Assert.DoesNotContain(lab.Read("recovery", e => e.Hosts.Values.Select(h => h.Status).ToList()), s => s == "maintenance");
        Assert.True(lab.Version > version, "a staged change must invalidate cached answers");
    }

    [Fact]
    public async Task GetHostStorage_AtRecovery_ListsTheRecoveryLunAndThePrimarysDirectLuns()
    {
        // Arrange: what the recovery site's hosts see comes from the primary site's VMs, another engine's state.
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions());
        using var recovery = await LabTestClient.LoginAsync(lab, "recovery");
        var host = (await recovery.FindByNameAsync("hosts", "host", "host-rec-01")).GetProperty("id").GetString();
        var primaryLuns = lab.Simulation.Read("primary", e => e.Vms.Values.SelectMany(v => v.Disks).Select(d => d.LunId).OfType<string>()
            .Where(id => id != EstateGenerator.MappedLunId).ToHashSet());

        // Act
        var luns = (await recovery.ListAsync($"hosts/{host}/storage", "host_storage")).Select(l => l.GetProperty("id").GetString()).ToList();

        // Assert
        Assert.Contains(EstateGenerator.RecoveryLunId, luns);
        Assert.NotEmpty(primaryLuns);
        Assert.All(primaryLuns, id => Assert.Contains(id, luns));
    }

    [Fact]
    public async Task DisposeAsync_TimedLab_PeriodicOvfUpdatesStop()
    {
        // Arrange: a scheduled OVF update every simulated minute, on a clock the test moves.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var lab = new LabSimulation(new LabOptions { TimeScale = 1, OvfUpdateIntervalMinutes = 1 }, clock);
        DateTimeOffset? LastOvfUpdate() => lab.Read("primary", e => e.StorageDomains.Values.Where(d => d.Status == "active" && d.Type == "data").Max(d => d.OvfUpdatedAt));
        clock.Advance(TimeSpan.FromMinutes(1));
        var ticked = clock.GetUtcNow();
        await Poll.UntilAsync(() => Task.FromResult(LastOvfUpdate() == ticked), "the scheduled OVF update has run");

        // Act
        await lab.DisposeAsync();
        clock.Advance(TimeSpan.FromMinutes(5));

        // Assert: the loop ended with the lab; no update ran after it.
        Assert.Equal(ticked, LastOvfUpdate());
    }

    [Fact]
    public async Task SetHostDown_TimedLab_EngineFencesTheHostOnceTheDelayPasses()
    {
        // Arrange: a host with power management stops answering; the engine fences it a simulated minute later.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        await using var lab = new LabSimulation(new LabOptions { TimeScale = 1 }, clock);
        var host = lab.Read("primary", e => e.Hosts.Values.First(h => h.PowerManagementEnabled).Name);

        // Act
        lab.SetHostDown("primary", host, down: true);

        // Assert: the clock moves until the follow-up has run (its timer may start after the first move).
        await Poll.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(61));
            return Task.FromResult(lab.Read("primary", e => e.FindHost(host)!.Fenced));
        }, "the engine has fenced the host");
    }

    [Fact]
    public async Task DisposeAsync_AutomaticFencingPending_HostIsNeverFencedAfterTheLabStops()
    {
        // Arrange: the automatic fencing is scheduled but its simulated minute has not passed.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var lab = new LabSimulation(new LabOptions { TimeScale = 1 }, clock);
        var host = lab.Read("primary", e => e.Hosts.Values.First(h => h.PowerManagementEnabled).Name);
        lab.SetHostDown("primary", host, down: true);

        // Act: disposing cancels the pending follow-up and returns once it has ended.
        await lab.DisposeAsync();
        clock.Advance(TimeSpan.FromMinutes(5));

        // Assert
        Assert.False(lab.Read("primary", e => e.FindHost(host)!.Fenced));
    }
}
