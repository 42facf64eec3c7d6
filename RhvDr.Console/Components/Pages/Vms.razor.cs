using RhvDr.Console.Model;

namespace RhvDr.Console.Components.Pages;

public partial class Vms
{
    private readonly VmGridViewModel _grid = new();

    protected override GridViewModel<VmRow, VmColumn> Grid => _grid;

    protected override GridSort<VmColumn> DefaultSort => new(VmColumn.Name);
}
