using RhvDr.Console.Lab;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RhvDr.Core.Configuration;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;
using RhvDr.Tests.Ovirt;

namespace RhvDr.Tests.Core;

/// <summary>The whole Core wiring (options, named clients with resilience, registry, poller, SQLite) against two fake engines over HTTP.</summary>
public sealed class InventoryPollerIntegrationTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rhvdr-poller-" + Guid.NewGuid().ToString("N"));
    private FakeEngine _primary = null!;
    private FakeEngine _recovery = null!;
    private IHost? _host;

    public async Task InitializeAsync()
    {
        _primary = await FakeEngine.StartAsync();
        _recovery = await FakeEngine.StartAsync();
        foreach (var engine in new[] { _primary, _recovery })
        {
            engine.Set("datacenters", """{"data_center":[{"id":"dc1","name":"Prod","status":"up"}]}""");
            engine.Set("clusters", "{}");
            engine.Set("hosts", """{"host":[{"id":"h1","name":"host1","status":"up"}]}""");
            engine.Set("storagedomains", "{}");
            engine.Set("datacenters/dc1/storagedomains", "{}");
            engine.Set("vms?follow=disk_attachments.disk,nics", """{"vm":[{"id":"v1","name":"vm1","status":"up"}]}""");
            engine.Set("disks", "{}");
            engine.Set("templates?follow=disk_attachments.disk", "{}");
            engine.Set("affinitylabels?follow=hosts", "{}");
            engine.Set("events?max=1", "{}");
            engine.Set("events?from=0", "{}");
        }

    }

    private async Task StartHostAsync(string pollInterval)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RhvDr:DatabasePath"] = Path.Combine(_directory, "rhvdr.db"),
            ["RhvDr:PollInterval"] = pollInterval,
            ["RhvDr:EngineTimeout"] = "00:00:03",
            ["RhvDr:Sites:0:Name"] = "primary",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "lab:primary",
            ["RhvDr:Sites:1:Name"] = "recovery",
            ["RhvDr:Sites:1:Role"] = "Recovery",
            ["RhvDr:Sites:1:EngineUrl"] = "lab:recovery",
        });
        builder.Services.AddLabEngineScheme();
        builder.AddRhvDrCore();
        _host = builder.Build();
        var registry = _host.Services.GetRequiredService<EngineEndpointRegistry>();
        registry.Register("primary", _primary.Endpoint());
        registry.Register("recovery", _recovery.Endpoint());
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        await _recovery.DisposeAsync();
        await _primary.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Poller_EngineStopsAnswering_ReportsUnreachableAndKeepsLastInventory()
    {
        await StartHostAsync("00:00:01");
        var store = _host!.Services.GetRequiredService<IInventoryStore>();
        var connected = await WaitForAsync(store, s => s.Sites.All(site => site.Engine.Status == EngineConnectionStatus.Connected));
        Assert.Equal("vm1", Assert.Single(connected.Find("primary")!.Inventory.Vms).Name);

        await _primary.DisposeAsync();
        var down = await WaitForAsync(store, s => s.Find("primary")!.Engine.Status == EngineConnectionStatus.Unreachable);

        var primary = down.Find("primary")!;
        Assert.Equal("vm1", Assert.Single(primary.Inventory.Vms).Name);
        Assert.StartsWith("Engine 127.0.0.1:", primary.Engine.Message, StringComparison.Ordinal);
        Assert.NotNull(primary.Engine.LastSuccess);
        Assert.Contains(primary.History, h => !h.EngineReachable);
        Assert.Equal(EngineConnectionStatus.Connected, down.Find("recovery")!.Engine.Status);
    }

    [Fact]
    public async Task Poller_TransientServerErrors_RetriesReadsAndStaysConnected()
    {
        await StartHostAsync("00:00:01");
        var store = _host!.Services.GetRequiredService<IInventoryStore>();
        await WaitForAsync(store, s => s.Sites.All(site => site.Engine.Status == EngineConnectionStatus.Connected));
        _recovery.FailNext("hosts", 2);
        _recovery.Set("hosts", """{"host":[{"id":"h1","name":"host1","status":"up"},{"id":"h2","name":"host2","status":"maintenance"}]}""");

        var snapshot = await WaitForAsync(store, s => s.Find("recovery")!.Inventory.Hosts.Count == 2);

        Assert.Equal(EngineConnectionStatus.Connected, snapshot.Find("recovery")!.Engine.Status);
        Assert.All(snapshot.Find("recovery")!.History, h => Assert.True(h.EngineReachable));
    }

    [Fact]
    public async Task EngineClient_PostActionGets503_IsNotRetried()
    {
        await StartHostAsync("00:01:00");
        var client = await _host!.Services.GetRequiredService<IEngineClientFactory>().GetClientAsync("recovery");
        _recovery.Set("vms/v1/start", """{"status":"complete"}""");
        _recovery.FailNext("vms/v1/start", 1);

        var fault = await Assert.ThrowsAsync<OvirtFaultException>(() => client.PostActionAsync("vms/v1/start", new { }, null));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, fault.StatusCode);
        Assert.Single(_recovery.Requests, r => r.PathAndQuery == "vms/v1/start");
    }

    [Fact]
    public async Task Poller_RelevantEvent_RefreshesBeforeTheInterval()
    {
        // A minute between full polls: only the event follower can make the change show within the test's timeout.
        await StartHostAsync("00:01:00");
        var store = _host!.Services.GetRequiredService<IInventoryStore>();
        await WaitForAsync(store, s => s.Sites.All(site => site.Engine.Status == EngineConnectionStatus.Connected));
        _primary.Set("events?from=0", """{"event":[{"id":"5","code":"9000","host":{"id":"h1"}}]}""");
        _primary.Set("events?from=5", "{}");
        _primary.Set("hosts", """{"host":[{"id":"h1","name":"host1","status":"non_responsive"}]}""");

        var snapshot = await WaitForAsync(store, s => s.Find("primary")!.Inventory.Hosts.Single().Status == "non_responsive");

        Assert.Contains(_primary.Requests, r => r.PathAndQuery == "events?from=0");
        Assert.Equal(HealthLevel.Critical, snapshot.Find("primary")!.Health.Level);
    }

    // Reads the store's change stream until the condition holds; a timeout fails the test instead of a sleep.
    private static async Task<InventorySnapshot> WaitForAsync(IInventoryStore store, Func<InventorySnapshot, bool> condition)
    {
        using var subscription = store.Subscribe(TimeSpan.Zero);
        if (condition(store.Current))
        {
            return store.Current;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var snapshot in subscription.ReadChangesAsync(timeout.Token))
        {
            if (condition(snapshot))
            {
                return snapshot;
            }
        }
        throw new TimeoutException("The store never reached the expected state; last: " + string.Join(", ", store.Current.Sites.Select(s => $"{s.Site.Name}={s.Engine.Status} {s.Engine.Message}")));
    }
}
