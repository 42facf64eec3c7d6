namespace RhvDr.Console.Model;

/// <summary>The column a grid is sorted by and its direction.</summary>
public sealed record GridSort<TColumn>(TColumn Column, bool Descending = false)
    where TColumn : struct, Enum
{
    /// <summary>Clicking a header: the same column flips direction, another column sorts ascending.</summary>
    public GridSort<TColumn> Toggle(TColumn column) =>
        EqualityComparer<TColumn>.Default.Equals(column, Column) ? this with { Descending = !Descending } : new GridSort<TColumn>(column);

    /// <summary>The <c>aria-sort</c> of a column's header cell: only the sorted column carries one.</summary>
    public string? AriaSort(TColumn column) =>
        !EqualityComparer<TColumn>.Default.Equals(column, Column) ? null : Descending ? "descending" : "ascending";
}
