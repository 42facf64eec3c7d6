using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

/// <summary>Host maintenance and live migration in the stretch lab, as a real engine does them.</summary>
public sealed class HostMaintenanceTests : IDisposable
{
    private readonly LabSimulation _instant = new(Options(timeScale: 0));
    private LabSimulation? _timed;

    private static LabOptions Options(double timeScale) =>
        new() { Scenario = LabOptions.ActiveActive, TimeScale = timeScale, VmsPerSite = 40, HostsPerSite = 4, AdminPassword = "lab-secret" };

    private static SimEngine Stretch(LabSimulation lab) => lab.FindEngine(EstateGenerator.StretchSite)!;

    [Fact]
    public async Task Deactivate_HostWithRunningVms_HostPreparesWhileVmsMigrateWithMemoryHeldAtTheDestination()
    {
        // Arrange: real time, so the 10 s migrations are still under way when the test looks.
        _timed = new LabSimulation(Options(timeScale: 1));
        var engine = Stretch(_timed);
        var host = BusiestHost(engine, "primary");
        var vms = VmsOn(engine, host);

        // Act
        await _timed.SetHostMaintenanceAsync(engine, host.Id, true, null, wait: false, CancellationToken.None);

        // Assert
        lock (_timed.Sync)
        {
            Assert.Equal("preparing_for_maintenance", host.Status);
            Assert.All(vms, v =>
            {
                Assert.Equal("migrating", v.Status);
                Assert.Equal(host.Id, v.HostId);
                Assert.NotEqual(host.Id, v.MigratingToHostId);
            });
            var destination = engine.Hosts[vms[0].MigratingToHostId!];
            var held = vms.Where(v => v.MigratingToHostId == destination.Id).Sum(v => v.MemoryBytes)
                + engine.Vms.Values.Where(v => v.HostId == destination.Id && v.Status != "down").Sum(v => v.MemoryBytes);
            Assert.Equal(destination.MemoryBytes - held, LabSimulation.FreeMemory(engine, destination));
        }
    }

    [Fact]
    public async Task Deactivate_HostWithRunningVms_VmsRunElsewhereUnrestartedAndHostInMaintenance()
    {
        var engine = Stretch(_instant);
        var host = BusiestHost(engine, "primary");
        var vms = VmsOn(engine, host).Select(v => (Vm: v, v.StartedAt)).ToList();

        await _instant.SetHostMaintenanceAsync(engine, host.Id, true, null, wait: true, CancellationToken.None);

        Assert.Equal("maintenance", host.Status);
        Assert.All(vms, x =>
        {
            Assert.Equal("up", x.Vm.Status);
            Assert.NotEqual(host.Id, x.Vm.HostId);
            Assert.Null(x.Vm.MigratingToHostId);
            Assert.Equal(x.StartedAt, x.Vm.StartedAt);
        });
    }

    [Fact]
    public async Task Deactivate_PinnedVmOnHost_RefusedNamingTheVm()
    {
        var engine = Stretch(_instant);
        var host = BusiestHost(engine, "primary");
        var pinned = VmsOn(engine, host)[0];
        pinned.PlacementAffinity = "pinned";

        var fault = await Assert.ThrowsAsync<EngineFaultException>(() => _instant.SetHostMaintenanceAsync(engine, host.Id, true, null, wait: true, CancellationToken.None));

        Assert.Equal(409, fault.StatusCode);
        Assert.Contains($"non-migratable VMs are: {pinned.Name}", fault.Message, StringComparison.Ordinal);
        Assert.Equal("up", host.Status);
    }

    [Fact]
    public async Task Deactivate_NoHostHasRoom_HostStaysPreparingUntilTheOperatorStopsTheVm()
    {
        // Arrange: every other host is full.
        var engine = Stretch(_instant);
        var host = BusiestHost(engine, "primary");
        foreach (var other in engine.Hosts.Values.Where(h => h.Id != host.Id))
        {
            other.MemoryBytes = 0;
        }

        // Act
        await _instant.SetHostMaintenanceAsync(engine, host.Id, true, null, wait: true, CancellationToken.None);

        // Assert: still preparing, with the engine's call for manual intervention; stopping the VMs lets it finish.
        Assert.Equal("preparing_for_maintenance", host.Status);
        Assert.Contains(engine.Events, e => e.Code == EventCodes.UserVdsMaintenanceMigrationFailed.Code && e.Description.Contains(host.Name, StringComparison.Ordinal));
        foreach (var vm in VmsOn(engine, host))
        {
            await _instant.StopVmAsync(engine, vm.Id, false, null, wait: true, CancellationToken.None);
        }

        Assert.Equal("maintenance", host.Status);
    }

    [Fact]
    public async Task Migrate_NamedHostWithoutRoom_RefusedByTheMemoryFilter()
    {
        var engine = Stretch(_instant);
        var vm = VmsOn(engine, BusiestHost(engine, "primary"))[0];
        var target = engine.Hosts.Values.First(h => h.SiteLabel == "recovery");
        target.MemoryBytes = 1;

        var fault = await Assert.ThrowsAsync<EngineFaultException>(() => _instant.MigrateVmAsync(engine, vm.Id, target.Id, null, wait: true, CancellationToken.None));

        Assert.Equal(409, fault.StatusCode);
        Assert.Contains("internal filter Memory", fault.Message, StringComparison.Ordinal);
        Assert.Equal("up", vm.Status);
    }

    [Fact]
    public async Task Migrate_NoHostNamed_SchedulerPrefersAHostOfTheVmsLabelledSite()
    {
        // A VM preferring the primary site that drifted to the recovery site goes home when the engine chooses.
        var engine = Stretch(_instant);
        var drifted = engine.Vms.Values.First(v => v.Status == "up" && v.AffinityLabelNames.Contains("site_primary"));
        drifted.HostId = engine.Hosts.Values.First(h => h.SiteLabel == "recovery").Id;

        await _instant.MigrateVmAsync(engine, drifted.Id, null, null, wait: true, CancellationToken.None);

        Assert.Equal("up", drifted.Status);
        Assert.Equal("primary", engine.Hosts[drifted.HostId!].SiteLabel);
    }

    public void Dispose()
    {
        _instant.Dispose();
        _timed?.Dispose();
    }

    private static SimHost BusiestHost(SimEngine engine, string site) =>
        engine.Hosts.Values.Where(h => h.SiteLabel == site).MaxBy(h => VmsOn(engine, h).Count)!;

    private static List<SimVm> VmsOn(SimEngine engine, SimHost host) =>
        [.. engine.Vms.Values.Where(v => v.HostId == host.Id && v.Status == "up").OrderBy(v => v.Name, StringComparer.Ordinal)];
}
