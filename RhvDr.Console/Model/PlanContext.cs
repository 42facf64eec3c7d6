using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Model;

/// <summary>What plans are checked against, as <see cref="PlanService"/> reads it: the active DR mapping and the primary site's last inventory.</summary>
public static class PlanContext
{
    /// <summary>The primary site's last inventory; null when the console has not read it since it started.</summary>
    public static PlanEstate? PrimaryEstate(RhvDrOptions options, IInventoryStore inventory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inventory);
        var primary = options.Sites.FirstOrDefault(s => s.Role == SiteRole.Primary);
        var site = primary is null ? null : inventory.Current.Find(primary.Name);
        return site is null || site.Inventory.CollectedAt == DateTimeOffset.MinValue ? null : PlanEstate.From(site.Inventory);
    }

    public static async Task<DrMapping?> ActiveMappingAsync(IMappingStore mappings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        return (await mappings.GetActiveAsync(cancellationToken))?.Mapping;
    }
}
