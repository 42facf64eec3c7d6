using MudBlazor;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>How a VM's status chip looks: a VM that is not running never wears the green of a running one.</summary>
public static class VmStatusPresentation
{
    /// <summary>
    /// The chip colour for an engine VM status word: <c>down</c> is neutral (a stopped VM is no fault of the engine, and not
    /// up either); every other status takes its health colour.
    /// </summary>
    public static Color ColorFor(string status, HealthLevel health) =>
        EngineStatusWords.Parse<VmStatus>(status) == VmStatus.Down ? Color.Default : HealthPresentation.ColorFor(health);
}
