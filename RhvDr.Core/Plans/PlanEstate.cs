using RhvDr.Core.Sites;

namespace RhvDr.Core.Plans;

/// <summary>
/// The primary site as plan validation needs it: its storage domains, which VMs and templates have disks on which, the
/// template each VM is based on, and each VM's operating system and networks (for re-IP).
/// </summary>
public sealed record PlanEstate(IReadOnlyList<string> StorageDomains, IReadOnlyList<PlanEstateVm> Vms)
{
    /// <summary>The templates with disks (Blank has none).</summary>
    public IReadOnlyList<PlanEstateTemplate> Templates { get; init; } = [];

    public static PlanEstate From(SiteInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var templates = inventory.Templates.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new PlanEstate(
            [.. inventory.StorageDomains.Select(d => d.Name)],
            [.. inventory.Vms.Select(v => new PlanEstateVm(v.Name, v.StorageDomainNames)
            {
                // The inventory names Blank (and a template it could not name) too; only a template with disks is one a VM depends on.
                Template = v.TemplateName is { } name && templates.Contains(name) ? name : null,
                OsType = v.OsType,
                Networks = v.NetworkNames,
            })])
        {
            Templates = [.. inventory.Templates.Select(t => new PlanEstateTemplate(t.Name, t.DiskStorageDomainNames))],
        };
    }

    /// <summary>
    /// The templates of protection group <paramref name="group"/>: those with a copy of every disk on the group's domains. A template
    /// copied to domains of several groups is a member of each.
    /// </summary>
    public IReadOnlyList<string> TemplatesOf(ProtectionGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var domains = group.StorageDomains.ToHashSet(StringComparer.Ordinal);
        return [.. Templates.Where(t => t.IsWholeIn(domains.Contains)).Select(t => t.Name).Order(StringComparer.Ordinal)];
    }
}
