using RhvDr.Core.Security;
using RhvDr.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Data;
using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Components;

public sealed class IncidentsPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private IncidentStore _incidents = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        _incidents = new IncidentStore(new IncidentRepository(_database.Connections), TimeProvider.System, new RecordingAuditTrail());
        Services.AddSingleton<IIncidentStore>(_incidents);
        Services.AddSingleton(TimeProvider.System);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Acknowledge_OpenIncident_ShowsWhoAndStoresIt()
    {
        // Arrange
        SignInAs("noc-bob", Role.Operator);
        var incident = await _incidents.OpenAsync(new IncidentCondition("host:primary:h1", IncidentKind.HostNonResponsive, HealthLevel.Warning, "primary",
            "Host h1 is non responsive", "h1 at Prod is non_responsive.", new HashSet<string>()), DateTimeOffset.UtcNow, CancellationToken.None);
        _incidents.SetAssessment(HaRestartStatus.None, [new SuggestedAction("Start disaster failover", "Primary lost.", new SuggestedRun("failover", "disaster", "primary"))]);
        var cut = Render<RhvDr.Console.Components.Pages.Incidents>();
        Assert.Contains("Host h1 is non responsive", cut.Find($"[data-incident='{incident.Id}'] .incident-title").TextContent, StringComparison.Ordinal);
        Assert.Equal("/runs/new?kind=failover&mode=disaster&source=primary", cut.Find("a.suggested-run").GetAttribute("href"));

        // Act
        await cut.InvokeAsync(() => cut.Find("button.ack-button").Click());

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Acknowledged by noc-bob", cut.Find(".ack-done").TextContent, StringComparison.Ordinal));
        var stored = await new IncidentRepository(_database.Connections).GetAsync(incident.Id, CancellationToken.None);
        Assert.Equal("noc-bob", stored!.Acknowledgement!.By);
    }

    [Fact]
    public async Task Render_Viewer_OffersNoAcknowledge()
    {
        // Arrange
        SignInAs("manager", Role.Viewer);
        await _incidents.OpenAsync(new IncidentCondition("host:primary:h1", IncidentKind.HostNonResponsive, HealthLevel.Warning, "primary",
            "Host h1 is non responsive", "h1 at Prod is non_responsive.", new HashSet<string>()), DateTimeOffset.UtcNow, CancellationToken.None);

        // Act
        var cut = Render<RhvDr.Console.Components.Pages.Incidents>();

        // Assert
        Assert.Contains("Host h1 is non responsive", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button.ack-button"));
    }

    [Fact]
    public async Task Close_IncidentClosedInStore_LeavesOpenList()
    {
        var incident = await _incidents.OpenAsync(new IncidentCondition("vms:primary", IncidentKind.VmsDown, HealthLevel.Warning, "primary",
            "2 VMs at Prod are not running normally", "x", new HashSet<string>()), DateTimeOffset.UtcNow, CancellationToken.None);
        var cut = Render<RhvDr.Console.Components.Pages.Incidents>();
        Assert.Single(cut.FindAll(".incident-list [data-open='true']"));

        await _incidents.CloseAsync(incident.Id, DateTimeOffset.UtcNow, "Cleared", CancellationToken.None);

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".incident-list [data-open='true']")));
    }

    [Theory]
    [InlineData(Role.Operator, true)]
    [InlineData(Role.Viewer, false)]
    public async Task Render_StillDownIncident_ListsTheVmsAndOffersStartToOperatorsOnly(Role role, bool offersStart)
    {
        // Arrange
        SignInAs("someone", role);
        var incident = await _incidents.OpenAsync(new IncidentCondition("still-down:primary", IncidentKind.VmsStillDown, HealthLevel.Critical, "primary",
            "VMs that ran before the outage are still down: 2 at Prod", "Site Prod is back, but 2 VMs are not running.", new HashSet<string>()), DateTimeOffset.UtcNow, CancellationToken.None);
        _incidents.SetStillDown([new StillDownList(incident.Id, "primary", [
            new StillDownVm("vm-1", "db01", "primary", "down", true, 80),
            new StillDownVm("vm-2", "web07", "primary", "down", false, 0)])]);

        // Act
        var cut = Render<RhvDr.Console.Components.Pages.Incidents>();

        // Assert
        Assert.Equal(["db01", "web07"], cut.FindAll(".still-down-vms tr[data-vm]").Select(r => r.GetAttribute("data-vm")));
        Assert.Equal(offersStart, cut.FindAll("[data-testid='start-still-down']").Count == 1);
        Assert.Equal(offersStart ? "Acknowledge and leave them down" : null, cut.FindAll("button.ack-button").SingleOrDefault()?.TextContent.Trim());
    }

    [Fact]
    public void Render_ActivePassiveSiteLost_TrackerSaysTheFailoverIsNextNotPending()
    {
        // Arrange: the primary's engine is gone; its HA VM and its plain VM can only come back by a failover.
        _incidents.SetAssessment(new HaRestartStatus(["primary"], DateTimeOffset.UtcNow, [
            new HaRestartVm("vm-1", "db01", true, 80, true, "p1", HaRestartState.AwaitingFailover, "unknown", null, "primary", "HA VMs of a lost Active/Passive site do not restart at the other engine: the failover starts it at the recovery site", "primary"),
            new HaRestartVm("vm-2", "web07", false, 0, false, "p2", HaRestartState.AwaitingFailover, "unknown", null, "primary", "the failover starts it at the recovery site", "primary")]), []);

        // Act
        var cut = Render<RhvDr.Console.Components.Pages.Incidents>();

        // Assert
        Assert.Equal("2 await the failover", cut.Find(".ha-count[data-state='awaiting-failover']").TextContent);
        Assert.Empty(cut.FindAll(".ha-count[data-state='pending']"));
        Assert.Contains("The next step is the failover", cut.Find("[data-testid='ha-awaiting-failover']").TextContent, StringComparison.Ordinal);
        Assert.Equal(["AwaitingFailover", "AwaitingFailover"], cut.FindAll(".ha-vms tr[data-vm]").Select(r => r.GetAttribute("data-state")));
    }
}
