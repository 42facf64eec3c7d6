using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Core;

public sealed class InventoryStoreTests
{
    private static readonly SiteDescriptor Primary = new("primary", "Prod", SiteRole.Primary, "lab:primary", true);
    private static readonly SiteDescriptor Recovery = new("recovery", "DR", SiteRole.Recovery, "lab:recovery", true);

    [Fact]
    public async Task ReadChangesAsync_BurstWhileWaitingOutTheInterval_WakesOnceMoreAtTheFinalVersion()
    {
        var clock = new FakeTimeProvider();
        var store = new InventoryStore([Primary, Recovery], clock);
        using var subscription = store.Subscribe(TimeSpan.FromMilliseconds(100));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new ConcurrentQueue<long>();
        var reader = Task.Run(async () =>
        {
            await foreach (var snapshot in subscription.ReadChangesAsync(timeout.Token))
            {
                seen.Enqueue(snapshot.Version);
                if (snapshot.Version == 1000)
                {
                    return;
                }
            }
        });

        store.Publish(SiteSnapshot.Initial(Primary));
        await WaitFor.ConditionAsync(() => !seen.IsEmpty, "the first change");
        for (var i = 1; i < 1000; i++)
        {
            store.Publish(SiteSnapshot.Initial(i % 2 == 0 ? Primary : Recovery));
        }

        // The reader waits out its interval on the stopped clock: the burst has not woken it.
        Assert.Equal([1L], seen);
        await WaitFor.ConditionAsync(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            return reader.IsCompleted;
        }, "the reader to take the burst once the interval passed");
        await reader;
        Assert.Equal([1L, 1000L], seen);
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
