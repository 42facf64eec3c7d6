namespace RhvDr.Core.Incidents;

/// <summary>A VM that ran at a site before it was lost and is not running now that the site is back.</summary>
/// <param name="Site">Where the VM is registered now (where starting it happens).</param>
/// <param name="Status">Its status now, e.g. <c>down</c>.</param>
public sealed record StillDownVm(string Id, string Name, string Site, string Status, bool HighlyAvailable, int HaPriority);
