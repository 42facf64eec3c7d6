using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Data;
using RhvDr.Core.Incidents;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Tests.Components;
using RhvDr.Tests.Core;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Incidents;

/// <summary>The incident monitor reads the engine's own event codes: a failed HA restart is HA_VM_RESTART_FAILED.</summary>
public sealed class IncidentMonitorEngineEventTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly InventoryStore _inventory = SiteSnapshotBuilder.NewStore();
    private readonly EngineEventLog _events = new();
    private IncidentStore _incidents = null!;
    private IncidentMonitor _monitor = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _incidents = new IncidentStore(new IncidentRepository(_database.Connections), TimeProvider.System, new RecordingAuditTrail());
        _monitor = new IncidentMonitor(_inventory, _incidents, _events, Options.Create(new RhvDrOptions()), TimeProvider.System, NullLogger<IncidentMonitor>.Instance);
        await _monitor.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task HaRestartFailedEvent_SiteLost_CountsThatVmAsFailedAndOnlyThatOne()
    {
        // Arrange: two HA VMs ran at the primary site; then its hosts stopped answering and the engine took both down.
        PublishPrimary(up: true);
        _inventory.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Host("r1").Build());
        await WaitForAppliedAsync();
        PublishPrimary(up: false);
        var incident = await WaitFor.ValueAsync(() => Task.FromResult(_incidents.Current.Open.FirstOrDefault(i => i.Key == "site-down:primary")), i => i is not null, "the site-down incident");

        // Act: the engine gave up on ha-a (HA_VM_RESTART_FAILED); an HA_VM_FAILED about ha-b only says it will be restarted.
        _events.Append("primary",
        [
            new OvirtEvent { Id = 1, Code = 9602, Severity = "error", Description = "Highly Available VM ha-b failed. It will be restarted automatically.", Vm = new OvirtRef { Id = "vm-primary-ha-b" } },
            new OvirtEvent { Id = 2, Code = EngineEventCodes.HaVmRestartFailed.Code, Severity = "error", Description = "Restart of the Highly Available VM ha-a failed.", Vm = new OvirtRef { Id = "vm-primary-ha-a" } },
            new OvirtEvent { Id = 3, Code = 126, Severity = "warning", Description = "VM plain is not responding.", Vm = new OvirtRef { Id = "vm-primary-plain" } },
        ]);
        await WaitFor.ConditionAsync(() => _incidents.Current.Incidents.Single(i => i.Id == incident!.Id).Timeline.Any(t => t.Text == "VM plain is not responding."), "the events to be read");
        PublishPrimary(up: false);
        await WaitForAppliedAsync();

        // Assert
        var ha = _incidents.Current.HaRestart;
        Assert.Equal(HaRestartState.Failed, ha.Vms.Single(v => v.Name == "ha-a").State);
        Assert.Equal(HaRestartState.Pending, ha.Vms.Single(v => v.Name == "ha-b").State);
        Assert.Equal(1, ha.Failed);
    }

    private void PublishPrimary(bool up)
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("p1", up ? "up" : "non_responsive").Host("p2", up ? "up" : "non_responsive");
        site = up
            ? site.Vm("ha-a", host: "p1", ha: true).Vm("ha-b", host: "p2", ha: true).Vm("plain", host: "p1")
            : site.Vm("ha-a", status: "down", host: null, ha: true).Vm("ha-b", status: "down", host: null, ha: true).Vm("plain", status: "unknown", host: "p1");
        _inventory.Publish(site.Build());
    }

    private Task WaitForAppliedAsync() =>
        WaitFor.ConditionAsync(() => _monitor.LastApplied?.Version == _inventory.Current.Version, "the monitor to take in the newest snapshot");

    public async Task DisposeAsync()
    {
        await _monitor.StopAsync(CancellationToken.None);
        _monitor.Dispose();
        await _database.DisposeAsync();
    }
}
