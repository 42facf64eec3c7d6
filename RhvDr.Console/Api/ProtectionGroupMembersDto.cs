using RhvDr.Core.Plans;

namespace RhvDr.Console.Api;

/// <summary>
/// What a protection group holds at the primary site now: its templates (a copy of every disk on the group's domains) and the
/// number of VMs with disks on its domains.
/// </summary>
public sealed record ProtectionGroupMembersDto(string Group, IReadOnlyList<string> Templates, int VmCount)
{
    public static ProtectionGroupMembersDto From(ProtectionGroup group, PlanEstate estate)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(estate);
        var domains = group.StorageDomains.ToHashSet(StringComparer.Ordinal);
        return new ProtectionGroupMembersDto(group.Name, estate.TemplatesOf(group), estate.Vms.Count(v => v.StorageDomains.Any(domains.Contains)));
    }
}
