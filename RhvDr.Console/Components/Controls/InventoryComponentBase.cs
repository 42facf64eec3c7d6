using Microsoft.AspNetCore.Components;
using RhvDr.Console.Model;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A component that renders from the inventory store: subscribes on init and re-renders once per coalesced
/// change (the store's ~100 ms minimum interval).
/// </summary>
public abstract class InventoryComponentBase : LiveComponentBase
{
    // A site turns stale without a new snapshot (its poller is stuck or the engine went quiet), and "2 min ago" must move.
    private static readonly TimeSpan FreshnessRefresh = TimeSpan.FromSeconds(10);

    [Inject]
    public required IInventoryStore InventoryStore { get; init; }

    [Inject]
    private IServiceProvider? FreshnessServices { get; set; }

    /// <summary>The newest snapshot this component has seen.</summary>
    protected InventorySnapshot Snapshot { get; private set; } = InventorySnapshot.Empty;

    /// <summary>
    /// Each site's freshness (live or last known, and how old), by site name; kept only by components that set
    /// <see cref="FollowsFreshness"/>.
    /// </summary>
    protected IReadOnlyDictionary<string, SiteFreshness> Freshness { get; private set; } = new Dictionary<string, SiteFreshness>(StringComparer.Ordinal);

    /// <summary>Keep <see cref="Freshness"/> current: on every snapshot and as the clock moves.</summary>
    protected virtual bool FollowsFreshness => false;

    /// <summary>Whether the objects of <paramref name="site"/> are the last known inventory rather than live.</summary>
    protected bool IsStale(string site) => Freshness.TryGetValue(site, out var freshness) && freshness.IsStale;

    private TimeProvider Clock => FreshnessServices?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    protected override void OnInitialized()
    {
        var subscription = InventoryStore.Subscribe();
        Snapshot = subscription.Snapshot;
        UpdateFreshness();
        OnSnapshotChanged(Snapshot);
        Follow(subscription, snapshot =>
        {
            Snapshot = snapshot;
            UpdateFreshness();
            OnSnapshotChanged(snapshot);
            return Task.CompletedTask;
        });
        if (FollowsFreshness)
        {
            ComponentLoop.Start(RefreshFreshnessAsync, ComponentStopping, DispatchExceptionAsync);
        }
    }

    /// <summary>Called on the renderer's context before rendering a new snapshot: recompute view models here.</summary>
    protected virtual void OnSnapshotChanged(InventorySnapshot snapshot)
    {
    }

    /// <returns>Whether a site turned stale or fresh, or its "last known" line changed.</returns>
    private bool UpdateFreshness()
    {
        if (!FollowsFreshness)
        {
            return false;
        }
        var poll = FreshnessServices is null ? new Core.Configuration.RhvDrOptions().PollInterval : SiteFreshness.PollInterval(FreshnessServices);
        var next = SiteFreshness.ForAll(Snapshot, Clock.GetUtcNow(), poll);
        var changed = next.Count != Freshness.Count
            || next.Any(n => !Freshness.TryGetValue(n.Key, out var old) || old.IsStale != n.Value.IsStale || old.LastKnown != n.Value.LastKnown);
        Freshness = next;
        return changed;
    }

    private async Task RefreshFreshnessAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(FreshnessRefresh, Clock);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    if (UpdateFreshness())
                    {
                        StateHasChanged();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
