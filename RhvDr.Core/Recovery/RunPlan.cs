using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery;

/// <summary>The recovery plan a run recovers, as the active plans version defines it.</summary>
/// <param name="Document">The plans version the definition comes from (its protection groups).</param>
/// <param name="Version">That version's number.</param>
public sealed record RunPlan(RecoveryPlanDefinition Definition, PlanDocument Document, int Version)
{
    public string Name => Definition.Name;

    /// <summary>The primary-side names of the domains of the plan's protection groups; null when a group is "all" (every mapped domain).</summary>
    public IReadOnlySet<string>? StorageDomains
    {
        get
        {
            if (Definition.ProtectionGroups.Any(g => string.Equals(g, ProtectionGroup.All, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var domains = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in Definition.ProtectionGroups)
            {
                domains.UnionWith(Document.FindGroup(name)?.StorageDomains ?? []);
            }

            return domains;
        }
    }
}
