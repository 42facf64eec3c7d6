using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Lab;
using RhvDr.Core.Incidents;
using RhvDr.Core.Ovirt;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>Incidents open and close by themselves on the running console over the embedded Active/Passive lab.</summary>
public sealed class IncidentMonitorTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _console = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        // Engine events are followed between full polls; a longer interval leaves room for them.
        _console.Settings["RhvDr:PollInterval"] = "00:00:03";
        _http = _console.CreateApiClient();
        return Task.CompletedTask;
    }

    private IIncidentStore Store => _console.Services.GetRequiredService<IIncidentStore>();

    private ILabControl Lab => _console.Services.GetRequiredService<ILabControl>();

    [Fact]
    public async Task SiteDownThenUp_PrimaryEngine_OpensIncidentSuggestingFailoverThenClosesIt()
    {
        await WaitForConnectedAsync();

        await Lab.SetSiteDownAsync("primary");
        var incident = await WaitForOpenAsync(i => i.Key == "engine:primary", "the primary engine incident");
        await WaitFor.ConditionAsync(() => Store.Current.Suggestions.Any(s => s.Run is { Kind: "failover", Mode: "disaster", Source: "primary" }), "a disaster failover suggestion");
        var board = await _http.GetFromJsonAsync<JsonElement>("/api/incidents");
        await Lab.SetSiteUpAsync("primary");

        await WaitFor.ConditionAsync(() => Store.Current.Incidents.Single(i => i.Id == incident.Id).ClosedAt is not null, "the engine incident to close");
        Assert.Equal(IncidentKind.EngineUnreachable, incident.Kind);
        Assert.Contains(board.GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("link").GetString() == "/runs/new?kind=failover&mode=disaster&source=primary");
        var closed = Store.Current.Incidents.Single(i => i.Id == incident.Id);
        Assert.Equal([IncidentTimelineKind.Opened, IncidentTimelineKind.Closed], closed.Timeline.Select(t => t.Kind).Where(k => k != IncidentTimelineKind.EngineEvent));
    }

    [Fact]
    public async Task HostDownThenUp_OpensHostIncidentWithEngineEventThenClosesIt()
    {
        // Connected means polled, and each site's poller reads where the audit log ends before its first poll: the events
        // from here on are news, not history.
        await WaitForConnectedAsync();

        await Lab.SetHostDownAsync("recovery", "host-rec-03", down: true);
        var incident = await WaitForOpenAsync(i => i.Key == "host:recovery:host-rec-03", "the host incident");
        await WaitFor.ConditionAsync(() => Current(incident.Id).Timeline.Any(t => t.Kind == IncidentTimelineKind.EngineEvent), "the engine's event on the timeline");
        await Lab.SetHostDownAsync("recovery", "host-rec-03", down: false);

        await WaitFor.ConditionAsync(() => Current(incident.Id).ClosedAt is not null, "the host incident to close");
        Assert.Contains(Current(incident.Id).Timeline, t => t.Text.Contains("host-rec-03 is non responsive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplicationBrokenThenResynced_OpensAndClosesIncident()
    {
        await WaitForConnectedAsync();
        using var control = _console.Services.GetRequiredService<LabArraySource>().CreateControlHttp();

        (await control.PostAsync("/lab/array/pairs/pair-scsi_domain/break", null)).EnsureSuccessStatusCode();
        var incident = await WaitForOpenAsync(i => i.Key == "replication-broken:pair-scsi_domain", "the replication incident");
        (await control.PostAsync("/lab/array/pairs/pair-scsi_domain/resync", null)).EnsureSuccessStatusCode();

        await WaitFor.ConditionAsync(() => Current(incident.Id).ClosedAt is not null, "the replication incident to close");
        Assert.Equal(IncidentKind.ReplicationBroken, incident.Kind);
    }

    [Fact]
    public async Task Acknowledge_OverApi_IsStoredWithWhoAndWhen()
    {
        await WaitForConnectedAsync();
        await Lab.SetHostDownAsync("primary", "host-prod-05", down: true);
        var incident = await WaitForOpenAsync(i => i.Key == "host:primary:host-prod-05", "the host incident");

        using var token = await _http.PostAsJsonAsync("/api/tokens", new { name = "noc-anna", role = "operator" });
        using var anna = _console.CreateApiClient((await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString());

        using var response = await anna.PostAsJsonAsync($"/api/incidents/{incident.Id}/ack", new { note = "calling the DC" });

        response.EnsureSuccessStatusCode();
        var stored = await _console.Services.GetRequiredService<IIncidentRepository>().GetAsync(incident.Id, CancellationToken.None);
        Assert.NotNull(stored?.Acknowledgement);
        Assert.Equal("token:noc-anna", stored.Acknowledgement.By);
        Assert.Equal("calling the DC", stored.Acknowledgement.Note);
        Assert.Contains(stored.Timeline, t => t.Kind == IncidentTimelineKind.Acknowledged && t.Text.Contains("noc-anna", StringComparison.Ordinal));
        Assert.Equal("token:noc-anna", Current(incident.Id).Acknowledgement?.By);
    }

    private Incident Current(long id) => Store.Current.Incidents.Single(i => i.Id == id);

    private async Task WaitForConnectedAsync()
    {
        await WaitFor.ValueAsync(
            () => _http.GetFromJsonAsync<JsonElement[]>("/api/sites")!,
            sites => sites is { Length: 2 } && sites.All(s => s.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "both sites connected");
    }

    private async Task<Incident> WaitForOpenAsync(Func<Incident, bool> match, string what)
    {
        Incident? found = null;
        await WaitFor.ConditionAsync(() => (found = Store.Current.Open.FirstOrDefault(match)) is not null, what);
        return found!;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
    }
}
