using RhvDr.Console.Model;

namespace RhvDr.Console.Components.Pages;

public partial class Hosts
{
    private readonly HostGridViewModel _grid = new();

    protected override GridViewModel<HostRow, HostColumn> Grid => _grid;

    protected override GridSort<HostColumn> DefaultSort => new(HostColumn.Health, Descending: true);
}
