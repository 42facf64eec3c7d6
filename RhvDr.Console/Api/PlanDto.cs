using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;

namespace RhvDr.Console.Api;

/// <summary>
/// <c>GET /api/plans/{name}</c>: one plan of the newest version, the protection groups it names, what is on each group's domains
/// at the primary site now (<see cref="Members"/>; null until the primary inventory has been read), and the findings about
/// either (keys as in the file, e.g. <c>plans[1].vms[0].priority</c>).
/// </summary>
public sealed record PlanDto(
    int Version,
    bool IsDraft,
    RecoveryPlanDefinition Plan,
    IReadOnlyList<ProtectionGroup> ProtectionGroups,
    IReadOnlyList<MappingFinding> Findings,
    IReadOnlyList<ProtectionGroupMembersDto>? Members = null)
{
    public static PlanDto From(StoredPlans stored, RecoveryPlanDefinition plan, PlanEstate? estate = null)
    {
        var document = stored.Document;
        var planIndex = IndexOf(document.Plans, plan);
        var groups = document.ProtectionGroups.Select((g, i) => (Group: g, Index: i))
            .Where(g => plan.ProtectionGroups.Contains(g.Group.Name, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var prefixes = groups.Select(g => $"protection_groups[{g.Index}]").Append($"plans[{planIndex}]").ToList();
        var findings = stored.Findings.Where(f => prefixes.Exists(p => IsUnder(f.Key, p))).ToList();
        var members = estate is null ? null : groups.Select(g => ProtectionGroupMembersDto.From(g.Group, estate)).ToList();
        return new PlanDto(stored.Info.Version, stored.Info.IsDraft, plan, [.. groups.Select(g => g.Group)], findings, members);
    }

    private static int IndexOf(IReadOnlyList<RecoveryPlanDefinition> plans, RecoveryPlanDefinition plan)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            if (ReferenceEquals(plans[i], plan))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnder(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && (key.Length == prefix.Length || key[prefix.Length] is '.' or '[');
}
