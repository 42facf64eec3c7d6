using RhvDr.Core.Sites;

namespace RhvDr.Core.Plans;

/// <summary>The primary site as plan validation needs it: its storage domains and which VMs have disks on which.</summary>
public sealed record PlanEstate(IReadOnlyList<string> StorageDomains, IReadOnlyList<PlanEstateVm> Vms)
{
    public static PlanEstate From(SiteInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return new PlanEstate(
            [.. inventory.StorageDomains.Select(d => d.Name)],
            [.. inventory.Vms.Select(v => new PlanEstateVm(v.Name, v.StorageDomainNames))]);
    }
}
