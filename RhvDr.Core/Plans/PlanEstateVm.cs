namespace RhvDr.Core.Plans;

/// <summary>A primary-site VM and the storage domains its disks are on.</summary>
public sealed record PlanEstateVm(string Name, IReadOnlyList<string> StorageDomains)
{
    /// <summary>The template the VM is based on (its disks are thin on the template's image); null for Blank or a clone.</summary>
    public string? Template { get; init; }

    /// <summary>The engine's operating system type (<c>windows_2019x64</c>, <c>rhel_8x64</c>); null when it does not say.</summary>
    public string? OsType { get; init; }

    /// <summary>The logical networks of the VM's NICs; null when the inventory has not read them.</summary>
    public IReadOnlyList<string>? Networks { get; init; }
}
