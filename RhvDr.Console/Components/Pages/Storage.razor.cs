using RhvDr.Console.Model;

namespace RhvDr.Console.Components.Pages;

public partial class Storage
{
    private readonly StorageGridViewModel _grid = new();

    protected override GridViewModel<StorageDomainRow, StorageColumn> Grid => _grid;

    protected override GridSort<StorageColumn> DefaultSort => new(StorageColumn.Health, Descending: true);
}
