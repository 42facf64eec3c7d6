namespace RhvDr.Core.Sites;

/// <summary>A hypervisor host as the engine reports it.</summary>
public sealed record InventoryHost(
    string Id,
    string Name,
    string Status,
    string? Address,
    string? ClusterName,
    string? DataCenterName,
    bool IsSpm,
    bool PowerManagementEnabled,
    long MemoryBytes,
    int Cpus,
    int VmsRunning,
    string? SiteLabel,
    int SpmPriority = 5)
{
    public HealthLevel Health => HealthRules.ForHost(Status);
}
