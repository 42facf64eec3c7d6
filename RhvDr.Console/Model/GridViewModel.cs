using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>
/// Filters and sorts one kind of inventory object across both sites. Rows are rebuilt only when the snapshot
/// version changes, and filtered/sorted only when the snapshot or the query changes, so a 10,000-VM grid
/// re-renders without redoing the work.
/// </summary>
public abstract class GridViewModel<TRow, TColumn>
    where TRow : IGridRow
    where TColumn : struct, Enum
{
    private long _builtVersion = -1;
    private IReadOnlyList<(TRow Row, string Key)> _all = [];
    private IReadOnlyList<string> _statuses = [];
    private GridFilter? _lastFilter;
    private GridSort<TColumn>? _lastSort;
    private IReadOnlyList<TRow> _result = [];

    /// <summary>How many times rows were rebuilt from a snapshot (for tests and diagnostics).</summary>
    public int BuildCount { get; private set; }

    /// <summary>All rows of the last snapshot before filtering.</summary>
    public int TotalCount => _all.Count;

    /// <summary>Distinct status values in the last snapshot, for the status filter.</summary>
    public IReadOnlyList<string> Statuses => _statuses;

    /// <summary>The rows of <paramref name="snapshot"/> that match <paramref name="filter"/>, sorted by <paramref name="sort"/>.</summary>
    public IReadOnlyList<TRow> Apply(InventorySnapshot snapshot, GridFilter filter, GridSort<TColumn> sort)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(sort);

        var rebuilt = false;
        if (snapshot.Version != _builtVersion || BuildCount == 0)
        {
            _all = snapshot.Sites
                .SelectMany(site => BuildRows(site, snapshot))
                .Select(row => (row, SearchKey(row).ToLowerInvariant()))
                .ToList();
            _statuses = _all.Select(r => r.Row.Status).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            _builtVersion = snapshot.Version;
            BuildCount++;
            rebuilt = true;
        }

        if (rebuilt || filter != _lastFilter || sort != _lastSort)
        {
            _result = Query(filter, sort);
            _lastFilter = filter;
            _lastSort = sort;
        }
        return _result;
    }

    /// <summary>One site's rows.</summary>
    protected abstract IEnumerable<TRow> BuildRows(SiteSnapshot site, InventorySnapshot all);

    /// <summary>The text a search matches against (name plus related objects).</summary>
    protected abstract string SearchKey(TRow row);

    /// <summary>Compares two rows by one column, ascending.</summary>
    protected abstract int Compare(TRow a, TRow b, TColumn column);

    private List<TRow> Query(GridFilter filter, GridSort<TColumn> sort)
    {
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim().ToLowerInvariant();
        var rows = new List<TRow>();
        foreach (var (row, key) in _all)
        {
            if (filter.Site is { Length: > 0 } site && !string.Equals(row.Site, site, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (filter.Health is { } health && row.Health != health)
            {
                continue;
            }
            if (filter.Status is { Length: > 0 } status && !string.Equals(row.Status, status, StringComparison.Ordinal))
            {
                continue;
            }
            if (search is not null && !key.Contains(search, StringComparison.Ordinal))
            {
                continue;
            }
            rows.Add(row);
        }

        var direction = sort.Descending ? -1 : 1;
        rows.Sort((a, b) =>
        {
            var byColumn = Compare(a, b, sort.Column);
            if (byColumn != 0)
            {
                return direction * byColumn;
            }
            var bySite = string.Compare(a.Site, b.Site, StringComparison.Ordinal);
            return bySite != 0 ? bySite : string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        });
        return rows;
    }
}
