using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Incidents;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>The console on the embedded Active/Active lab: one stretch engine shown as two sites, a site loss tracked live.</summary>
public sealed class ActiveActiveConsoleTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _console = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        foreach (var (key, value) in Settings())
        {
            _console.Settings[key] = value;
        }
        _http = _console.CreateApiClient();
        return Task.CompletedTask;
    }

    /// <summary>The Active/Active configuration: both sites name the lab's stretch engine; site labels tell hosts apart.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Lab:Scenario", "active-active"),
        new("RhvDr:Topology", "ActiveActive"),
        new("RhvDr:Sites:0:EngineUrl", "lab:stretch"),
        new("RhvDr:Sites:0:AffinityLabel", "site_primary"),
        new("RhvDr:Sites:1:EngineUrl", "lab:stretch"),
        new("RhvDr:Sites:1:AffinityLabel", "site_recovery"),
    ];

    private IInventoryStore Inventory => _console.Services.GetRequiredService<IInventoryStore>();

    private IIncidentStore Incidents => _console.Services.GetRequiredService<IIncidentStore>();

    [Fact]
    public async Task Sites_StretchEngine_SplitsHostsAndVmsPerSiteAndStretchViewAddsUp()
    {
        await WaitForHealthyAsync();

        var primary = Inventory.Current.Find("primary")!;
        var recovery = Inventory.Current.Find("recovery")!;
        var view = StretchClusterAnalyzer.Analyze(Inventory.Current, new StretchSiteMap(_console.Services.GetRequiredService<IOptions<RhvDrOptions>>().Value.Sites));

        Assert.All(primary.Inventory.Hosts, h => Assert.StartsWith("host-prod-", h.Name, StringComparison.Ordinal));
        Assert.All(recovery.Inventory.Hosts, h => Assert.StartsWith("host-rec-", h.Name, StringComparison.Ordinal));
        Assert.Equal(8, view.Sites.Single(s => s.Site == "primary").HostsTotal);
        Assert.Equal(primary.Inventory.Vms.Count(v => v.IsRunning), view.Sites.Single(s => s.Site == "primary").VmsRunning);
        Assert.Equal(120, view.Sites.Single(s => s.Site == "primary").VmsPreferring);
        Assert.Equal(30, view.Sites.Single(s => s.Site == "recovery").VmsPreferring);
        // Drifted: running on a host of the site its label does not name (the lab moves a few VMs away from home).
        var drifted = primary.Inventory.Vms.Concat(recovery.Inventory.Vms).DistinctBy(v => v.Id)
            .Where(v => v.IsRunning && v.HostName is { } host && v.AffinityLabels is { } labels
                && ((labels.Contains("site_primary") && host.StartsWith("host-rec-", StringComparison.Ordinal))
                    || (labels.Contains("site_recovery") && host.StartsWith("host-prod-", StringComparison.Ordinal))))
            .Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(drifted);
        Assert.Equal(drifted, view.Drifted.Select(d => d.Name));
        Assert.Equal(view.Drifted.Count, view.Sites.Sum(s => s.VmsDriftedIn));
        Assert.Equal(("host-prod-01", "primary"), (view.SpmHost, view.SpmSite));
        Assert.Equal(8, view.Sites.Single(s => s.Site == "primary").SpmPriorityMax);
        Assert.True(view.StorageInSync);
        Assert.True(view.Sites.Single(s => s.Site == "recovery").CanAbsorbOtherSite);
        Assert.Empty(Incidents.Current.Open);
    }

    [Fact]
    public async Task SiteDownThenUp_FencingLost_TracksHaRestartsAndOpensThenClosesSiteIncident()
    {
        // Arrange: remember what ran at the primary site.
        await WaitForHealthyAsync();
        var running = Inventory.Current.Find("primary")!.Inventory.Vms.Where(v => v.IsRunning).ToList();
        var lab = _console.Services.GetRequiredService<ILabControl>();

        // Act: the primary site goes dark, fencing devices with it.
        await lab.SetSiteDownAsync("primary");

        // Assert: a site-down incident; leased HA VMs restarted, unleased ones wait for fencing, the rest need an operator.
        var incident = await WaitForAsync(() => Incidents.Current.Open.FirstOrDefault(i => i.Key == "site-down:primary"), "the site-down incident");
        var expected = (Restarted: running.Count(v => v.HighlyAvailable && v.HasLease), Pending: running.Count(v => v.HighlyAvailable && !v.HasLease), Manual: running.Count(v => !v.HighlyAvailable));
        try
        {
            await WaitFor.ConditionAsync(() => Incidents.Current.HaRestart is { Active: true } ha && (ha.Restarted, ha.Pending, ha.ManualAction) == expected,
                $"HA restart counts {expected}");
        }
        catch (TimeoutException ex)
        {
            var ha = Incidents.Current.HaRestart;
            throw new TimeoutException($"{ex.Message}; tracker: active {ha.Active}, {ha.Restarted}/{ha.Pending}/{ha.ManualAction}/{ha.Failed} of {ha.Vms.Count}; "
                + string.Join("; ", ha.Vms.Where(v => v.State != HaRestartState.Restarted).Take(5).Select(v => $"{v.Name} {v.State} {v.Status} ha={v.HighlyAvailable} lease={v.HasLease} {v.CurrentHost}")), ex);
        }
        var board = await _http.GetFromJsonAsync<JsonElement>("/api/incidents");
        Assert.Equal(expected.Restarted, board.GetProperty("haRestart").GetProperty("restarted").GetInt32());
        Assert.Equal(running.Count, board.GetProperty("haRestart").GetProperty("vms").GetArrayLength());
        Assert.Contains(Incidents.Current.Suggestions, s => s.Title == "Fence the lost hosts");
        Assert.Contains(Incidents.Current.Suggestions, s => s.Title == "Move the SPM role");
        Assert.Equal(Enumerable.Repeat("recovery", expected.Restarted), Incidents.Current.HaRestart.Vms.Where(v => v.State == HaRestartState.Restarted).Select(v => v.CurrentSite));

        // Act: power comes back.
        await lab.SetSiteUpAsync("primary");

        // Assert
        await WaitFor.ConditionAsync(() => Incidents.Current.Incidents.Single(i => i.Id == incident.Id).ClosedAt is not null, "the site-down incident to close");
        await WaitFor.ConditionAsync(() => !Incidents.Current.HaRestart.Active, "the HA restart tracker to stand down");
    }

    private async Task WaitForHealthyAsync()
    {
        static bool Healthy(InventorySnapshot? snapshot) =>
            snapshot is { Sites.Count: 2 } && snapshot.Sites.All(s => s.Engine.IsReachable && s.Inventory.Hosts.Count == 8 && s.Inventory.Hosts.All(h => h.Status == "up"));
        await WaitFor.ConditionAsync(() => Healthy(Inventory.Current), "both stretch sites connected with all hosts up");

        // The incident monitor must have taken in a healthy snapshot, so its HA restart tracker knows where VMs run.
        var monitor = _console.Services.GetServices<IHostedService>().OfType<IncidentMonitor>().Single();
        await WaitFor.ConditionAsync(() => Healthy(monitor.LastApplied), "the incident monitor to see both sites healthy");
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        T? found = null;
        await WaitFor.ConditionAsync(() => (found = probe()) is not null, what);
        return found!;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
    }
}
