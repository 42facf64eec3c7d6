using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Makes a full read share what did not change with the read before it: every object equal to the previous read's is
/// replaced by that instance, and a list with nothing changed is the previous list. At thousands of VMs, a read every few
/// seconds otherwise moves a whole new inventory into the long-lived heap each time, and the collections that follow pause
/// the console (live updates, the hub) for far longer than the read itself. It also lets pages see at once that nothing
/// changed.
/// </summary>
public static class SiteInventoryReuse
{
    public static SiteInventory Apply(SiteInventory previous, SiteInventory fresh)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(fresh);
        return fresh with
        {
            DataCenters = Reuse(previous.DataCenters, fresh.DataCenters, d => d.Id, static (a, b) => a == b),
            Clusters = Reuse(previous.Clusters, fresh.Clusters, c => c.Id, static (a, b) => a == b),
            Hosts = Reuse(previous.Hosts, fresh.Hosts, h => h.Id, static (a, b) => a == b),
            StorageDomains = Reuse(previous.StorageDomains, fresh.StorageDomains, d => d.Id, static (a, b) => a == b),
            Vms = Reuse(previous.Vms, fresh.Vms, v => v.Id, SameVm),
            Templates = Reuse(previous.Templates, fresh.Templates, t => t.Id, SameTemplate),
        };
    }

    /// <summary>Equal in name and in each disk's domains.</summary>
    public static bool SameTemplate(InventoryTemplate a, InventoryTemplate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Id == b.Id && a.Name == b.Name && a.DiskStorageDomainNames.Count == b.DiskStorageDomainNames.Count
            && a.DiskStorageDomainNames.Zip(b.DiskStorageDomainNames).All(d => d.First.SequenceEqual(d.Second, StringComparer.Ordinal));
    }

    /// <summary>Equal in every field, the lists by their contents (a record compares lists by reference).</summary>
    public static bool SameVm(InventoryVm a, InventoryVm b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.StorageDomainNames.SequenceEqual(b.StorageDomainNames, StringComparer.Ordinal)
            && SameList(a.AffinityLabels, b.AffinityLabels)
            && SameList(a.NetworkNames, b.NetworkNames)
            && a == b with { StorageDomainNames = a.StorageDomainNames, AffinityLabels = a.AffinityLabels, NetworkNames = a.NetworkNames };
    }

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);

    private static IReadOnlyList<T> Reuse<T>(IReadOnlyList<T> previous, IReadOnlyList<T> fresh, Func<T, string> id, Func<T, T, bool> same)
        where T : class
    {
        if (previous.Count == 0 || fresh.Count == 0)
        {
            return fresh;
        }

        // Engines list objects in a stable order, so the previous read's object at the same place is tried first; a
        // lookup by id is built only when the order moved.
        Dictionary<string, T>? byId = null;
        var result = new T[fresh.Count];
        var unchanged = fresh.Count == previous.Count;
        for (var i = 0; i < fresh.Count; i++)
        {
            var item = fresh[i];
            var key = id(item);
            T? old = null;
            if (i < previous.Count && string.Equals(id(previous[i]), key, StringComparison.Ordinal))
            {
                old = previous[i];
            }
            else
            {
                byId ??= ById(previous, id);
                byId.TryGetValue(key, out old);
                unchanged = false;
            }

            if (old is not null && same(old, item))
            {
                result[i] = old;
            }
            else
            {
                result[i] = item;
                unchanged = false;
            }
        }

        return unchanged ? previous : result;
    }

    private static Dictionary<string, T> ById<T>(IReadOnlyList<T> items, Func<T, string> id)
    {
        var byId = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            byId.TryAdd(id(item), item);
        }

        return byId;
    }
}
