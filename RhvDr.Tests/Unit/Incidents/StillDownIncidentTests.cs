using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Data;
using RhvDr.Core.Incidents;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Security;
using RhvDr.Core.Sites;
using RhvDr.Tests.Components;
using RhvDr.Tests.Core;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Incidents;

/// <summary>A lost Active/Passive primary comes back with VMs down: that is an incident, not "all clear".</summary>
public sealed class StillDownIncidentTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private InventoryStore _inventory = SiteSnapshotBuilder.NewStore();
    private IncidentStore _incidents = null!;
    private IncidentMonitor _monitor = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        await StartConsoleAsync();
    }

    // The incident board and its monitor as the console starts them, on the test's database and an inventory not polled yet.
    private async Task StartConsoleAsync()
    {
        _inventory = SiteSnapshotBuilder.NewStore();
        _incidents = new IncidentStore(new IncidentRepository(_database.Connections), TimeProvider.System, new RecordingAuditTrail());
        _monitor = new IncidentMonitor(_inventory, _incidents, new EngineEventLog(), Options.Create(new RhvDrOptions { Topology = DrTopology.ActivePassive }), TimeProvider.System, NullLogger<IncidentMonitor>.Instance);
        await _monitor.StartAsync(CancellationToken.None);
    }

    private async Task RestartConsoleAsync()
    {
        await _monitor.StopAsync(CancellationToken.None);
        _monitor.Dispose();
        await StartConsoleAsync();
    }

    [Fact]
    public async Task SiteReturns_VmsThatRanAreDown_OpensIncidentListingThemUntilTheyRun()
    {
        // Arrange: three VMs ran at the primary; its engine stopped answering.
        await LoseAndReturnPrimaryAsync();

        // Assert: one incident lists exactly the two VMs that are down; the HA one the engine restarted is not among them.
        var incident = await OpenStillDownAsync();
        var list = await StillDownListAsync(incident);
        Assert.Equal(IncidentKind.VmsStillDown, incident!.Kind);
        Assert.Equal("VMs that ran before the outage are still down: 2 at Prod (Brno)", incident.Title);
        Assert.Equal(["app-1", "app-2"], list!.Vms.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.All(list.Vms, v => Assert.Equal("down", v.Status));

        // Act: both are started again.
        PublishPrimary(_ => "up", hosts: "up");

        // Assert: the incident closes by itself, saying why.
        await WaitFor.ConditionAsync(() => Current(incident.Id).ClosedAt is not null, "the still-down incident to close");
        Assert.Equal("Cleared: every VM that ran before the outage runs again", Current(incident.Id).Timeline.Last().Text);
    }

    [Fact]
    public async Task Acknowledge_StillDownIncident_ClosesItAndItStaysClosed()
    {
        await LoseAndReturnPrimaryAsync();
        var incident = await OpenStillDownAsync();

        await _incidents.AcknowledgeAsync(incident!.Id, new Actor("noc-bob", Role.Operator, "test"), "app VMs are retired", CancellationToken.None);
        PublishPrimary(name => name == "ha-1" ? "up" : "down", hosts: "up");
        await WaitForAppliedAsync();

        Assert.NotNull(Current(incident.Id).ClosedAt);
        Assert.Null(OpenStillDown());
    }

    [Fact]
    public async Task ConsoleRestarts_StillDownIncidentOpen_ListIsBackBeforeTheFirstPollUntilTheVmsRun()
    {
        await LoseAndReturnPrimaryAsync();
        var incident = await OpenStillDownAsync();
        await WaitFor.ConditionAsync(() => _incidents.Current.StillDownOf(incident!.Id) is not null, "its VM list");

        // Act: the console restarts; no engine has been polled yet.
        await RestartConsoleAsync();

        // Assert: the incident and its VMs, as last seen, are on the board again.
        var list = await StillDownListAsync(incident);
        Assert.Equal(incident!.Id, OpenStillDown()?.Id);
        Assert.Equal(["app-1", "app-2"], list!.Vms.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.All(list.Vms, v => Assert.Equal("down", v.Status));
        Assert.All(list.Vms, v => Assert.Equal("primary", v.Site));

        // Act: the engines answer, the VMs still down; then they are started.
        PublishRecovery();
        PublishPrimary(name => name == "ha-1" ? "up" : "down", hosts: "up");
        await WaitForAppliedAsync();
        Assert.Equal(["app-1", "app-2"], _incidents.Current.StillDownOf(incident.Id)!.Vms.Select(v => v.Name).Order(StringComparer.Ordinal));
        PublishPrimary(_ => "up", hosts: "up");

        // Assert: it closes as it would have without the restart.
        await WaitFor.ConditionAsync(() => Current(incident.Id).ClosedAt is not null, "the still-down incident to close");
        Assert.Equal("Cleared: every VM that ran before the outage runs again", Current(incident.Id).Timeline.Last().Text);
    }

    [Fact]
    public async Task ConsoleRestarts_StillDownIncidentOpen_AcknowledgingClosesIt()
    {
        await LoseAndReturnPrimaryAsync();
        var incident = await OpenStillDownAsync();
        await WaitFor.ConditionAsync(() => _incidents.Current.StillDownOf(incident!.Id) is not null, "its VM list");
        await RestartConsoleAsync();
        PublishRecovery();
        PublishPrimary(name => name == "ha-1" ? "up" : "down", hosts: "up");
        await WaitForAppliedAsync();

        await _incidents.AcknowledgeAsync(incident!.Id, new Actor("noc-bob", Role.Operator, "test"), "app VMs are retired", CancellationToken.None);
        await WaitForAppliedAsync();

        Assert.NotNull(Current(incident.Id).ClosedAt);
        Assert.Null(OpenStillDown());
    }

    [Fact]
    public async Task ConsoleRestartsDuringOutage_SiteReturnsWithVmsDown_OpensIncidentListingThem()
    {
        // Arrange: the primary is lost, then the console restarts while it still is.
        PublishRecovery();
        PublishPrimary(_ => "up", hosts: "up");
        await WaitForAppliedAsync();
        PublishPrimaryLost();
        await WaitFor.ConditionAsync(() => _incidents.Current.HaRestart.Active, "the primary to be lost");
        await RestartConsoleAsync();

        // Act: the site is back when the restarted console first polls it; only the HA VM runs.
        PublishRecovery();
        PublishPrimary(name => name == "ha-1" ? "up" : "down", hosts: "up");

        // Assert: what ran before the outage is remembered: the VMs left down are an incident.
        var incident = await OpenStillDownAsync();
        var list = await StillDownListAsync(incident);
        Assert.Equal(["app-1", "app-2"], list!.Vms.Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConsoleRestartsDuringOutage_SiteStillLostThenReturns_TrackerFollowsTheVmsThatRanBefore()
    {
        PublishRecovery();
        PublishPrimary(_ => "up", hosts: "up");
        await WaitForAppliedAsync();
        PublishPrimaryLost();
        await WaitFor.ConditionAsync(() => _incidents.Current.HaRestart.Active, "the primary to be lost");

        // Act: the console restarts; the primary still does not answer (its last inventory is gone with the old console).
        await RestartConsoleAsync();
        PublishRecovery();
        PublishPrimaryLost();

        // Assert: the tracker still knows the three VMs that ran there.
        var ha = await WaitFor.ValueAsync(() => Task.FromResult(_incidents.Current.HaRestart), h => h.Active && h.Vms.Count == 3, "the tracker to follow the remembered VMs");
        Assert.Equal(3, ha.AwaitingFailover);

        // Act: the site returns with the app VMs down.
        PublishPrimary(name => name == "ha-1" ? "up" : "down", hosts: "up");

        var incident = await OpenStillDownAsync();
        var list = await StillDownListAsync(incident);
        Assert.Equal(["app-1", "app-2"], list!.Vms.Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PrimaryLost_ActivePassive_TrackerSaysVmsAwaitTheFailover()
    {
        PublishRecovery();
        PublishPrimary(_ => "up", hosts: "up");
        await WaitForAppliedAsync();

        PublishPrimaryLost();
        var ha = await WaitFor.ValueAsync(() => Task.FromResult(_incidents.Current.HaRestart), h => h.Active, "the tracker to follow the lost site");

        Assert.Equal(3, ha.AwaitingFailover);
        Assert.Equal(0, ha.Pending);
        Assert.Contains(_incidents.Current.Suggestions, s => s.Run is { Kind: "failover", Mode: "disaster", Source: "primary" });
        Assert.StartsWith("HA VMs of a lost Active/Passive site do not restart at the other engine", ha.Vms.Single(v => v.Name == "ha-1").Note, StringComparison.Ordinal);
    }

    private async Task LoseAndReturnPrimaryAsync()
    {
        PublishRecovery();
        PublishPrimary(_ => "up", hosts: "up");
        await WaitForAppliedAsync();
        PublishPrimaryLost();
        await WaitFor.ConditionAsync(() => _incidents.Current.HaRestart.Active, "the primary to be lost");

        // Act: the site returns; the power cut took the VMs down and only the HA one came back.
        PublishPrimary(name => name == "ha-1" ? "up" : "down", hosts: "up");
    }

    private void PublishRecovery() => _inventory.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Recovery).Host("r1").Build());

    private void PublishPrimary(Func<string, string> status, string hosts)
    {
        var site = SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Host("p1", hosts).Host("p2", hosts);
        foreach (var (name, ha) in new[] { ("ha-1", true), ("app-1", false), ("app-2", false) })
        {
            var s = status(name);
            site = site.Vm(name, s, host: s == "down" ? null : "p1", ha: ha, haPriority: ha ? 50 : 0);
        }
        _inventory.Publish(site.Build());
    }

    private Incident? OpenStillDown() => _incidents.Current.Open.FirstOrDefault(i => i.Key == "still-down:primary");

    private Task<Incident?> OpenStillDownAsync() =>
        WaitFor.ValueAsync(() => Task.FromResult(OpenStillDown()), i => i is not null, "the still-down incident");

    private Task<StillDownList?> StillDownListAsync(Incident? incident) =>
        WaitFor.ValueAsync(() => Task.FromResult(_incidents.Current.StillDownOf(incident!.Id)), l => l is not null, "its VM list");

    private void PublishPrimaryLost() =>
        _inventory.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary).Engine(EngineConnectionStatus.Unreachable, "no route to host").Build());

    private Incident Current(long id) => _incidents.Current.Incidents.Single(i => i.Id == id);

    private Task WaitForAppliedAsync() =>
        WaitFor.ConditionAsync(() => _monitor.LastApplied?.Version == _inventory.Current.Version, "the monitor to take in the newest snapshot");

    public async Task DisposeAsync()
    {
        await _monitor.StopAsync(CancellationToken.None);
        _monitor.Dispose();
        await _database.DisposeAsync();
    }
}
