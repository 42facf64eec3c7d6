using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;
using RhvDr.Tests.Recovery;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Core;

/// <summary>The poller's event path in Core's host against the lab: a change an event names shows in the store between full polls.</summary>
public sealed class InventoryPollerEventTests : IAsyncLifetime
{
    private RecoveryLab _lab = null!;

    // Full polls an hour apart: whatever the store shows after the first one came through the event path.
    public async Task InitializeAsync() => _lab = await RecoveryLab.StartAsync(vms: 30, settings: new() { ["RhvDr:PollInterval"] = "01:00:00" });

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Poller_VmStoppedThroughTheEngine_StoreShowsItDownWithoutAFullPoll()
    {
        await _lab.WaitForInventoryAsync();
        var store = _lab.Host.Services.GetRequiredService<IInventoryStore>();
        var before = store.Current.Find("primary")!;
        var vm = before.Inventory.Vms.First(v => v.Status == "up" && v.HostName is not null);
        var hostBefore = before.Inventory.Hosts.Single(h => h.Name == vm.HostName);
        var client = await _lab.ClientAsync("primary");

        await client.PostActionAsync($"vms/{vm.Id}/stop", new { }, null);

        var after = await WaitFor.ValueAsync(
            () => Task.FromResult(store.Current.Find("primary")!),
            s => s.Inventory.Vms.Single(v => v.Id == vm.Id).Status == "down",
            $"VM {vm.Name} down in the store");
        Assert.Equal(before.Engine.LastAttempt, after.Engine.LastAttempt);
        Assert.Equal(hostBefore.VmsRunning - 1, after.Inventory.Hosts.Single(h => h.Id == hostBefore.Id).VmsRunning);
        Assert.Equal(before.Health.VmsUp - 1, after.Health.VmsUp);
    }
}
