using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>One host in the Hosts grid.</summary>
public sealed record HostRow(
    string Site,
    string SiteDisplayName,
    string Name,
    string Status,
    HealthLevel Health,
    string? Address,
    string? ClusterName,
    string? DataCenterName,
    bool IsSpm,
    bool PowerManagementEnabled,
    int VmsRunning,
    int Cpus,
    long MemoryBytes) : IGridRow;
