using System.Text.Json;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;
using RhvDr.Lab;

namespace RhvDr.Tests.Core;

/// <summary>
/// The incremental path against the lab over HTTP: engine events name objects, only those are read again, and the patched
/// inventory shows them exactly as a full read of the site would (same mapping, same health roll-up).
/// </summary>
public sealed class SiteInventoryPatchTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private LabServer _lab = null!;
    private HttpClient _http = null!;
    private OvirtEngineClient _client = null!;
    private SiteInventoryCollector _collector = null!;
    private EngineEventFollower _follower = null!;

    public async Task InitializeAsync()
    {
        _lab = await LabServer.StartAsync(new LabOptions { TimeScale = 0, VmsPerSite = 40, HostsPerSite = 4 });
        _http = new HttpClient();
        var site = _lab.Site("primary");
        _client = new OvirtEngineClient(_http, new EngineEndpoint(site.EngineUrl, site.Username, site.Password, EngineTlsOptions.SystemTrust));
        _collector = new SiteInventoryCollector(new UnusedClientFactory(), TimeProvider.System);
        _follower = new EngineEventFollower(new UnusedClientFactory());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _lab.DisposeAsync();
    }

    [Fact]
    public async Task RefreshAsync_VmStoppedAndAnotherStarted_PatchEqualsAFullRead()
    {
        var before = await StartFollowingAsync();
        var stopped = before.Vms.First(v => v.Status == "up" && v.HostName is not null);
        var started = before.Vms.First(v => v.Status == "down");

        await _client.PostActionAsync($"vms/{stopped.Id}/stop", new { }, null);
        await _client.PostActionAsync($"vms/{started.Id}/start", new { }, null);
        var changes = await _follower.ReadChangesAsync("primary", _client, CancellationToken.None);
        var patched = await _collector.RefreshAsync(_client, before, changes, CancellationToken.None);

        Assert.False(changes.Unattributed);
        Assert.Contains(stopped.Id, changes.VmIds);
        Assert.Contains(started.Id, changes.VmIds);
        Assert.NotNull(patched);
        Assert.Equal("down", patched.Vms.Single(v => v.Id == stopped.Id).Status);
        Assert.Equal("up", patched.Vms.Single(v => v.Id == started.Id).Status);
        await AssertSameAsFullReadAsync(patched);
    }

    [Fact]
    public async Task RefreshAsync_StorageDomainDeactivated_PatchEqualsAFullRead()
    {
        var before = await StartFollowingAsync();
        var domain = before.StorageDomains.First(d => d.Status == "active" && !d.IsMaster);
        var dataCenter = before.DataCenters.Single(dc => dc.Name == domain.DataCenterName);

        // The engine refuses to deactivate a domain with running VMs on it, so they are stopped first (more events, same patch).
        foreach (var vm in before.Vms.Where(v => v.IsRunning && v.StorageDomainNames.Contains(domain.Name)))
        {
            await _client.PostActionAsync($"vms/{vm.Id}/stop", new { }, null);
        }
        await _client.PostActionAsync($"datacenters/{dataCenter.Id}/storagedomains/{domain.Id}/deactivate", new { force = "true" }, null);
        var changes = await _follower.ReadChangesAsync("primary", _client, CancellationToken.None);
        var patched = await _collector.RefreshAsync(_client, before, changes, CancellationToken.None);

        Assert.Contains(domain.Id, changes.StorageDomainIds);
        Assert.NotNull(patched);
        Assert.Equal("maintenance", patched.StorageDomains.Single(d => d.Id == domain.Id).Status);
        await AssertSameAsFullReadAsync(patched);
    }

    [Fact]
    public async Task RefreshAsync_HostToMaintenance_PatchEqualsAFullRead()
    {
        var before = await StartFollowingAsync();
        var host = before.Hosts.First(h => h.Status == "up" && h.VmsRunning > 0 && !h.IsSpm);

        await _client.PostActionAsync($"hosts/{host.Id}/deactivate", new { }, null);
        var changes = await _follower.ReadChangesAsync("primary", _client, CancellationToken.None);
        var patched = await _collector.RefreshAsync(_client, before, changes, CancellationToken.None);

        Assert.Contains(host.Id, changes.HostIds);
        Assert.NotNull(patched);
        Assert.Equal("maintenance", patched.Hosts.Single(h => h.Id == host.Id).Status);
        Assert.DoesNotContain(patched.Vms, v => v.HostName == host.Name && v.IsRunning);
        await AssertSameAsFullReadAsync(patched);
    }

    [Fact]
    public async Task RefreshAsync_EventNamingOnlyTheDataCenter_AsksForAFullRead()
    {
        var before = await StartFollowingAsync();
        var changes = InventoryChanges.From([new OvirtEvent { Id = 1, Code = 958, DataCenter = new OvirtRef { Id = before.DataCenters[0].Id } }]);

        var patched = await _collector.RefreshAsync(_client, before, changes, CancellationToken.None);

        Assert.True(changes.Unattributed);
        Assert.Null(patched);
    }

    [Fact]
    public async Task RefreshAsync_MoreVmsThanAPatchReads_AsksForAFullRead()
    {
        var before = await StartFollowingAsync();
        var many = Enumerable.Range(1, SiteInventoryPatch.MaxVms + 1)
            .Select(i => new OvirtEvent { Id = i, Code = 61, Vm = new OvirtRef { Id = $"vm-{i}" } })
            .ToList();

        var patched = await _collector.RefreshAsync(_client, before, InventoryChanges.From(many), CancellationToken.None);

        Assert.Null(patched);
    }

    private async Task<SiteInventory> StartFollowingAsync()
    {
        var inventory = await _collector.CollectAsync(_client, CancellationToken.None);
        Assert.True((await _follower.ReadChangesAsync("primary", _client, CancellationToken.None)).IsEmpty);
        return inventory;
    }

    private async Task AssertSameAsFullReadAsync(SiteInventory patched)
    {
        var full = await _collector.CollectAsync(_client, CancellationToken.None);

        Assert.Equal(Describe(full.Hosts.OrderBy(h => h.Id, StringComparer.Ordinal)), Describe(patched.Hosts.OrderBy(h => h.Id, StringComparer.Ordinal)));
        Assert.Equal(Describe(full.StorageDomains.OrderBy(d => d.Id, StringComparer.Ordinal)), Describe(patched.StorageDomains.OrderBy(d => d.Id, StringComparer.Ordinal)));
        Assert.Equal(Describe(full.Vms.OrderBy(v => v.Id, StringComparer.Ordinal)), Describe(patched.Vms.OrderBy(v => v.Id, StringComparer.Ordinal)));
        var connected = new EngineState(EngineConnectionStatus.Connected, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        Assert.Equal(Describe([SiteHealth.From(connected, full, [])]), Describe([SiteHealth.From(connected, patched, [])]));
    }

    // Records compare lists by reference; their JSON compares what a page shows, health included.
    private static string Describe<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items.ToList(), Json);

    private sealed class UnusedClientFactory : IEngineClientFactory
    {
        public Task<IEngineClient> GetClientAsync(string site, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The tests pass the client directly.");
    }
}
