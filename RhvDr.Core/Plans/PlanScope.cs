namespace RhvDr.Core.Plans;

/// <summary>
/// What one plan recovers: the storage domains of its protection groups (every mapped domain for <see cref="ProtectionGroup.All"/>)
/// and, when the primary estate is known, the VMs with disks on them.
/// </summary>
internal sealed record PlanScope(IReadOnlySet<string> StorageDomains, bool WholeEstate, IReadOnlySet<string>? Vms)
{
    public bool Covers(string domain) => WholeEstate || StorageDomains.Contains(domain);
}
