namespace RhvDr.Core.Sites;

/// <summary>A virtual machine as the engine reports it; <see cref="AffinityLabels"/> give its home site in Active/Active.</summary>
public sealed record InventoryVm(
    string Id,
    string Name,
    string Status,
    string? HostName,
    string? ClusterName,
    bool HighlyAvailable,
    int HaPriority,
    bool HasLease,
    bool DeleteProtected,
    long MemoryBytes,
    int Cpus,
    string? TemplateName,
    IReadOnlyList<string> StorageDomainNames,
    IReadOnlyList<string>? AffinityLabels = null)
{
    public HealthLevel Health => HealthRules.ForVm(Status);

    /// <summary>When the engine created the VM (<c>creation_time</c>); null when the engine does not say.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the VM's definition last changed, where the engine reports it; null otherwise (readiness falls back to <see cref="CreatedAt"/>).</summary>
    public DateTimeOffset? LastChangedAt { get; init; }

    public bool IsRunning => IsRunningStatus(Status);

    /// <summary>Whether a VM in engine status <paramref name="status"/> runs (or is on its way down from running).</summary>
    public static bool IsRunningStatus(string? status) => status is "up" or "powering_up" or "migrating" or "reboot_in_progress" or "powering_down";
}
