using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Console.Api;

/// <summary>
/// A JSON plans body with <c>null</c> in a list (<c>"storageDomains": [null]</c>, <c>"plans": [null]</c>): the serializer's
/// nullable checks cover fields, not list items, so such a body is refused here with the item's key.
/// </summary>
public static class PlanJsonNulls
{
    public static MappingFinding? Find(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return First(
            Items("protectionGroups", document.ProtectionGroups, (g, key) => Items($"{key}.storageDomains", g.StorageDomains)),
            Items("plans", document.Plans, (p, key) => First(
                Items($"{key}.protectionGroups", p.ProtectionGroups),
                Steps($"{key}.preSteps", p.PreSteps),
                Steps($"{key}.postSteps", p.PostSteps),
                Items($"{key}.priorityGroups", p.PriorityGroups, (g, k) => First(Steps($"{k}.preSteps", g.PreSteps), Steps($"{k}.postSteps", g.PostSteps))),
                Items($"{key}.vms", p.Vms, (v, k) => Items($"{k}.after", v.After)),
                Items($"{key}.reIp", p.ReIp, (r, k) => First(Items($"{k}.dns", r.Dns), Items($"{k}.addresses", r.Addresses))))));
    }

    private static MappingFinding? Steps(string key, IReadOnlyList<PlanStep> steps) => Items(key, steps);

    private static MappingFinding? Items<T>(string key, IReadOnlyList<T> items, Func<T, string, MappingFinding?>? inner = null)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var itemKey = $"{key}[{i}]";
            if (items[i] is null)
            {
                return new MappingFinding(MappingSeverity.Error, MappingFindingCodes.ValueWrongType, itemKey, null, null,
                    $"'{itemKey}' is null; nothing was saved.", "Remove the null from the list, or write the value it stands for.");
            }

            if (inner?.Invoke(items[i], itemKey) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static MappingFinding? First(params MappingFinding?[] findings) => findings.FirstOrDefault(f => f is not null);
}
