using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class InventoryStoreTests
{
    private static readonly SiteDescriptor Primary = new("primary", "Prod", SiteRole.Primary, "lab:primary", true);
    private static readonly SiteDescriptor Recovery = new("recovery", "DR", SiteRole.Recovery, "lab:recovery", true);

    [Fact]
    public async Task ReadChangesAsync_BurstOfThousandPublishes_CoalescesIntoFewNotificationsEndingAtFinalVersion()
    {
        var store = new InventoryStore([Primary, Recovery]);
        using var subscription = store.Subscribe(TimeSpan.FromMilliseconds(100));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<long>();
        var reader = Task.Run(async () =>
        {
            await foreach (var snapshot in subscription.ReadChangesAsync(timeout.Token))
            {
                seen.Add(snapshot.Version);
                if (snapshot.Version == 1000)
                {
                    return;
                }
            }
        });

        for (var i = 0; i < 1000; i++)
        {
            store.Publish(SiteSnapshot.Initial(i % 2 == 0 ? Primary : Recovery));
        }
        await reader.WaitAsync(timeout.Token);

        Assert.InRange(seen.Count, 1, 5);
        Assert.Equal(1000, seen[^1]);
        Assert.Equal(1000, store.Current.Version);
    }

    [Fact]
    public void Publish_KnownSite_ReplacesItsSnapshotOnly()
    {
        var store = new InventoryStore([Primary, Recovery]);
        var unreachable = new SiteSnapshot(Primary, new EngineState(EngineConnectionStatus.Unreachable, "down", null, null), SiteInventory.Empty, [], []);

        store.Publish(unreachable);

        Assert.Equal(2, store.Current.Sites.Count);
        Assert.Equal(EngineConnectionStatus.Unreachable, store.Current.Find("primary")!.Engine.Status);
        Assert.Equal(EngineConnectionStatus.Unknown, store.Current.Find("recovery")!.Engine.Status);
    }
}
