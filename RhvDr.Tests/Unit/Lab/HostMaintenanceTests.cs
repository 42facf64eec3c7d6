using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

/// <summary>Host maintenance and live migration in the stretch lab, as a real engine does them.</summary>
public sealed class HostMaintenanceTests : IDisposable
{
    private const string Site = EstateGenerator.StretchSite;
    private readonly LabSimulation _instant = new(Options(timeScale: 0));
    private LabSimulation? _timed;

    private static LabOptions Options(double timeScale) =>
        new() { Scenario = LabOptions.ActiveActive, TimeScale = timeScale, VmsPerSite = 40, HostsPerSite = 4, AdminPassword = "lab-secret" };

    [Fact]
    public async Task Deactivate_HostWithRunningVms_HostPreparesWhileVmsMigrateWithMemoryHeldAtTheDestination()
    {
        // Arrange: real time, so the 10 s migrations are still under way when the test looks.
        _timed = new LabSimulation(Options(timeScale: 1));
        var host = _timed.Read(Site, e => BusiestHost(e, "primary"));
        var vms = _timed.Read(Site, e => VmsOn(e, host));

        // Act
        await _timed.SetHostMaintenanceAsync(_timed.GetEngine(Site), host, true, null, wait: false, CancellationToken.None);

        // Assert
        _timed.Inspect(Site, engine =>
        {
            Assert.Equal("preparing_for_maintenance", engine.Hosts[host].Status);
            var migrating = vms.Select(id => engine.Vms[id]).ToList();
            Assert.All(migrating, v =>
            {
                Assert.Equal("migrating", v.Status);
                Assert.Equal(host, v.HostId);
                Assert.NotEqual(host, v.MigratingToHostId);
            });
            var destination = engine.Hosts[migrating[0].MigratingToHostId!];
            var held = migrating.Where(v => v.MigratingToHostId == destination.Id).Sum(v => v.MemoryBytes)
                + engine.Vms.Values.Where(v => v.HostId == destination.Id && v.Status != "down").Sum(v => v.MemoryBytes);
            Assert.Equal(destination.MemoryBytes - held, LabSimulation.FreeMemory(engine, destination));
        });
    }

    [Fact]
    public async Task Deactivate_HostWithRunningVms_VmsRunElsewhereUnrestartedAndHostInMaintenance()
    {
        var host = _instant.Read(Site, e => BusiestHost(e, "primary"));
        var started = _instant.Read(Site, e => VmsOn(e, host).ToDictionary(id => id, id => e.Vms[id].StartedAt));

        await _instant.SetHostMaintenanceAsync(_instant.GetEngine(Site), host, true, null, wait: true, CancellationToken.None);

        _instant.Inspect(Site, engine =>
        {
            Assert.Equal("maintenance", engine.Hosts[host].Status);
            Assert.All(started, x =>
            {
                var vm = engine.Vms[x.Key];
                Assert.Equal("up", vm.Status);
                Assert.NotEqual(host, vm.HostId);
                Assert.Null(vm.MigratingToHostId);
                Assert.Equal(x.Value, vm.StartedAt);
            });
        });
    }

    [Fact]
    public async Task Deactivate_PinnedVmOnHost_RefusedNamingTheVm()
    {
        var host = _instant.Read(Site, e => BusiestHost(e, "primary"));
        var pinned = _instant.Read(Site, e => e.Vms[VmsOn(e, host)[0]].Name);
        _instant.Stage(Site, e => e.Vms.Values.Single(v => v.Name == pinned).PlacementAffinity = "pinned");

        var fault = await Assert.ThrowsAsync<EngineFaultException>(() => _instant.SetHostMaintenanceAsync(_instant.GetEngine(Site), host, true, null, wait: true, CancellationToken.None));

        Assert.Equal(409, fault.StatusCode);
        Assert.Contains($"non-migratable VMs are: {pinned}", fault.Message, StringComparison.Ordinal);
        Assert.Equal("up", _instant.Read(Site, e => e.Hosts[host].Status));
    }

    [Fact]
    public async Task Deactivate_NoHostHasRoom_HostStaysPreparingUntilTheOperatorStopsTheVm()
    {
        // Arrange: every other host is full.
        var engine = _instant.GetEngine(Site);
        var host = _instant.Read(Site, e => BusiestHost(e, "primary"));
        _instant.Stage(Site, e =>
        {
            foreach (var other in e.Hosts.Values.Where(h => h.Id != host))
            {
                other.MemoryBytes = 0;
            }
        });

        // Act
        await _instant.SetHostMaintenanceAsync(engine, host, true, null, wait: true, CancellationToken.None);

        // Assert: still preparing, with the engine's call for manual intervention; stopping the VMs lets it finish.
        var (status, name, events) = _instant.Read(Site, e => (e.Hosts[host].Status, e.Hosts[host].Name, e.Events.ToList()));
        Assert.Equal("preparing_for_maintenance", status);
        Assert.Contains(events, e => e.Code == EventCodes.UserVdsMaintenanceMigrationFailed.Code && e.Description.Contains(name, StringComparison.Ordinal));
        foreach (var vm in _instant.Read(Site, e => VmsOn(e, host)))
        {
            await _instant.StopVmAsync(engine, vm, false, null, wait: true, CancellationToken.None);
        }

        Assert.Equal("maintenance", _instant.Read(Site, e => e.Hosts[host].Status));
    }

    [Fact]
    public async Task Migrate_NamedHostWithoutRoom_RefusedByTheMemoryFilter()
    {
        var vm = _instant.Read(Site, e => VmsOn(e, BusiestHost(e, "primary"))[0]);
        var target = _instant.Read(Site, e => e.Hosts.Values.First(h => h.SiteLabel == "recovery").Id);
        _instant.Stage(Site, e => e.Hosts[target].MemoryBytes = 1);

        var fault = await Assert.ThrowsAsync<EngineFaultException>(() => _instant.MigrateVmAsync(_instant.GetEngine(Site), vm, target, null, wait: true, CancellationToken.None));

        Assert.Equal(409, fault.StatusCode);
        Assert.Contains("internal filter Memory", fault.Message, StringComparison.Ordinal);
        Assert.Equal("up", _instant.Read(Site, e => e.Vms[vm].Status));
    }

    [Fact]
    public async Task Migrate_NoHostNamed_SchedulerPrefersAHostOfTheVmsLabelledSite()
    {
        // A VM preferring the primary site that drifted to the recovery site goes home when the engine chooses.
        var drifted = _instant.Read(Site, e => e.Vms.Values.First(v => v.Status == "up" && v.AffinityLabelNames.Contains("site_primary")).Id);
        _instant.Stage(Site, e => e.Vms[drifted].HostId = e.Hosts.Values.First(h => h.SiteLabel == "recovery").Id);

        await _instant.MigrateVmAsync(_instant.GetEngine(Site), drifted, null, null, wait: true, CancellationToken.None);

        var (status, site) = _instant.Read(Site, e => (e.Vms[drifted].Status, e.Hosts[e.Vms[drifted].HostId!].SiteLabel));
        Assert.Equal("up", status);
        Assert.Equal("primary", site);
    }

    public void Dispose()
    {
        _instant.Dispose();
        _timed?.Dispose();
    }

    /// <summary>The id of the host of <paramref name="site"/> running the most VMs.</summary>
    private static string BusiestHost(SimEngine engine, string site) =>
        engine.Hosts.Values.Where(h => h.SiteLabel == site).MaxBy(h => VmsOn(engine, h.Id).Count)!.Id;

    /// <summary>The ids of the up VMs on a host, by name.</summary>
    private static List<string> VmsOn(SimEngine engine, string hostId) =>
        [.. engine.Vms.Values.Where(v => v.HostId == hostId && v.Status == "up").OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => v.Id)];
}
