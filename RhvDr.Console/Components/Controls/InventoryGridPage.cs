using RhvDr.Console.Model;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A live inventory grid page: keeps the filter and sort, and asks its view model for rows when the snapshot,
/// the filter or the sort changes (the view model caches, so a re-render with nothing new costs nothing).
/// </summary>
public abstract class InventoryGridPage<TRow, TColumn> : InventoryComponentBase
    where TRow : IGridRow
    where TColumn : struct, Enum
{
    private GridSort<TColumn>? _sort;

    protected abstract GridViewModel<TRow, TColumn> Grid { get; }

    protected abstract GridSort<TColumn> DefaultSort { get; }

    protected GridFilter Filter { get; private set; } = GridFilter.None;

    protected GridSort<TColumn> Sort => _sort ??= DefaultSort;

    protected IReadOnlyList<TRow> Rows { get; private set; } = [];

    protected IReadOnlyList<SiteDescriptor> Sites => Snapshot.Sites.Select(s => s.Site).OrderBy(s => s.Role).ToList();

    /// <summary>Sites whose rows are the last known inventory (with their age), for the alert above the grid.</summary>
    protected IReadOnlyList<(SiteDescriptor Site, SiteFreshness Freshness)> StaleSites =>
        Snapshot.Sites
            .Where(s => Freshness.TryGetValue(s.Site.Name, out var f) && f is { IsStale: true, LastKnown: not null })
            .OrderBy(s => s.Site.Role)
            .Select(s => (s.Site, Freshness[s.Site.Name]))
            .ToList();

    protected override bool FollowsFreshness => true;

    protected override void OnSnapshotChanged(InventorySnapshot snapshot) => Refresh();

    protected void OnFilterChanged(GridFilter filter)
    {
        Filter = filter;
        Refresh();
    }

    protected void OnSortRequested(TColumn column)
    {
        _sort = Sort.Toggle(column);
        Refresh();
    }

    private void Refresh() => Rows = Grid.Apply(Snapshot, Filter, Sort);
}
