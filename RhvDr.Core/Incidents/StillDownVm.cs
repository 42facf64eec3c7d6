using System.Text.Json.Serialization;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Incidents;

/// <summary>A VM that ran at a site before it was lost and is not running now that the site is back.</summary>
/// <param name="Site">Where the VM is registered now (where starting it happens).</param>
/// <param name="Status">Its status now, e.g. <c>down</c>, or <c>not found</c>.</param>
public sealed record StillDownVm(string Id, string Name, string Site, string Status, bool HighlyAvailable, int HaPriority)
{
    /// <summary>Down now: the only state in which starting it is the console's to do.</summary>
    [JsonIgnore]
    public bool IsDown => EngineStatusWords.Parse<VmStatus>(Status) == VmStatus.Down;
}
