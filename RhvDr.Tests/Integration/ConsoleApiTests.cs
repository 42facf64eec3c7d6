using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>The console's HTTP API and hub on the running app, over real HTTP, with the embedded lab behind it.</summary>
public sealed class ConsoleApiTests(ConsoleApiTests.RunningConsole console) : IClassFixture<ConsoleApiTests.RunningConsole>
{
    [Fact]
    public async Task Healthz_ConsoleUp_Answers200()
    {
        using var response = await console.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sites_LabRunning_ListsBothSitesConnectedWithCounts()
    {
        var sites = await console.WaitForConnectedSitesAsync();

        var primary = sites.Single(s => s.GetProperty("name").GetString() == "primary");
        var recovery = sites.Single(s => s.GetProperty("name").GetString() == "recovery");
        Assert.Equal("primary", primary.GetProperty("role").GetString());
        Assert.Equal("recovery", recovery.GetProperty("role").GetString());
        Assert.True(primary.GetProperty("engine").GetProperty("reachable").GetBoolean());
        Assert.Equal(8, primary.GetProperty("hosts").GetProperty("total").GetInt32());
        Assert.True(primary.GetProperty("vms").GetProperty("total").GetInt32() >= 100);
        Assert.True(primary.GetProperty("storageDomains").GetProperty("total").GetInt32() >= 4);
        Assert.False(primary.GetProperty("engine").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task SiteVms_LabRunning_EachVmHasStatusAndHealth()
    {
        await console.WaitForConnectedSitesAsync();

        var vms = await console.Http.GetFromJsonAsync<JsonElement[]>("/api/sites/primary/vms");

        Assert.NotNull(vms);
        Assert.True(vms.Length >= 100);
        Assert.All(vms, vm =>
        {
            Assert.False(string.IsNullOrEmpty(vm.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(vm.GetProperty("status").GetString()));
            Assert.Contains(vm.GetProperty("health").GetString(), new[] { "ok", "warning", "critical", "unknown" });
        });
    }

    [Fact]
    public async Task SiteHostsAndStorage_LabRunning_ListTheSiteInventory()
    {
        await console.WaitForConnectedSitesAsync();

        var hosts = await console.Http.GetFromJsonAsync<JsonElement[]>("/api/sites/recovery/hosts");
        var domains = await console.Http.GetFromJsonAsync<JsonElement[]>("/api/sites/primary/storagedomains");

        Assert.NotNull(hosts);
        Assert.Equal(8, hosts.Length);
        Assert.All(hosts, h => Assert.Equal("up", h.GetProperty("status").GetString()));
        Assert.NotNull(domains);
        Assert.Contains(domains, d => d.GetProperty("name").GetString() == "primary_master_storage" && d.GetProperty("isMaster").GetBoolean());
    }

    [Fact]
    public async Task SiteHosts_UnknownSite_Answers404NamingTheSites()
    {
        using var response = await console.Http.GetAsync("/api/sites/atlantis/hosts");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("atlantis", body, StringComparison.Ordinal);
        Assert.Contains("primary", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_InventoryChanges_ClientReceivesSiteSummaries()
    {
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = console.Factory.CreateHubConnection();
        hub.On<JsonElement>("InventoryChanged", sites => received.TrySetResult(sites));
        await hub.StartAsync();

        var sites = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, sites.GetArrayLength());
    }

    /// <summary>One console for the class: starting the lab and the pollers once keeps the suite quick.</summary>
    public sealed class RunningConsole : IDisposable
    {
        public RunningConsole()
        {
            Http = Factory.CreateApiClient();
        }

        public ConsoleAppFactory Factory { get; } = new();

        public HttpClient Http { get; }

        public Task<JsonElement[]> WaitForConnectedSitesAsync() =>
            WaitFor.ValueAsync(
                async () => await Http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
                sites => sites.Length == 2 && sites.All(s => s.GetProperty("engine").GetProperty("reachable").GetBoolean()),
                "both sites connected in /api/sites");

        public void Dispose()
        {
            Http.Dispose();
            Factory.Dispose();
        }
    }
}
