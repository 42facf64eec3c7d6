namespace RhvDr.Core.Ovirt;

/// <summary>The storage domain holding a VM's lease.</summary>
public sealed record OvirtVmLease
{
    public OvirtRef? StorageDomain { get; init; }
}
