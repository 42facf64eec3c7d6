using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>One VM in the VMs grid.</summary>
public sealed record VmRow(
    string Site,
    string SiteDisplayName,
    string Id,
    string Name,
    string Status,
    HealthLevel Health,
    string? HostName,
    string? ClusterName,
    bool HighlyAvailable,
    int HaPriority,
    bool HasLease,
    int Cpus,
    long MemoryBytes,
    string StorageDomains) : IGridRow;
