using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// Templates in protection groups and plans. A template is a member of every group holding a copy of each of its disks. Both
/// findings are warnings: a run never starts a template, and when one cannot be registered the run still registers the VMs
/// based on it (with the Blank template) and reports each one that fails to start, without stopping the others.
/// </summary>
internal static class PlanTemplateRules
{
    /// <summary>A template with disks in groups, but no group holding a copy of all of them: no recovery registers it whole.</summary>
    public static void CheckSpanningTemplates(PlanDocument document, PlanEstate estate, Dictionary<string, int> groupOfDomain, MappingFindingSink sink)
    {
        foreach (var template in estate.Templates)
        {
            // Per disk, the groups holding a copy (-1: a copy outside every group).
            var perDisk = template.Disks.Select(d => d.Select(x => groupOfDomain.TryGetValue(x, out var g) ? g : -1).ToHashSet()).ToList();
            var grouped = perDisk.SelectMany(g => g).Where(g => g >= 0).Distinct().Order().ToList();
            if (grouped.Count == 0 || grouped.Exists(g => perDisk.TrueForAll(d => d.Contains(g))))
            {
                continue;
            }

            var where = template.Disks.Select((domains, i) => $"disk {i + 1} on {string.Join(" or ", domains.Select(d => $"{d} ({GroupName(document, groupOfDomain, d)})"))}");
            sink.Warning(PlanFindingCodes.GroupTemplateSpans, $"protection_groups[{grouped[0]}]",
                $"Template '{template.Name}' has {string.Join("; ", where)}: no protection group holds all of its disks, so no recovery registers it whole, and VMs based on it may not start.",
                "Put the storage domains of all its disks into the same protection group, or copy its disks to a domain of one group (Storage → Disks → Copy in the engine).");
        }
    }

    /// <summary>
    /// VMs of a plan based on a template the plan does not recover whole: their disks are thin on the template's image, so at the
    /// recovery site they may not register or start without it. One finding per template, naming its VMs.
    /// </summary>
    public static void CheckTemplatesOfPlan(RecoveryPlanDefinition plan, string planKey, PlanScope scope, PlanEstate estate, Dictionary<string, int> groupOfDomain, PlanDocument document, MappingFindingSink sink)
    {
        if (scope.Vms is not { } planVms)
        {
            return;
        }

        var templates = estate.Templates.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var dependents = estate.Vms
            .Where(v => planVms.Contains(v.Name) && v.Template is not null && templates.ContainsKey(v.Template))
            .GroupBy(v => v.Template!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in dependents)
        {
            var template = templates[group.Key];
            if (template.IsWholeIn(scope.StorageDomains.Contains))
            {
                continue;
            }

            var missing = template.Disks.Where(d => !d.Any(scope.StorageDomains.Contains)).SelectMany(d => d).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var otherGroups = missing.Select(d => groupOfDomain.TryGetValue(d, out var g) ? document.ProtectionGroups[g].Name : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var vms = group.Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
            var named = $"{string.Join(", ", vms.Take(5))}{(vms.Count > 5 ? $" and {vms.Count - 5} more" : "")}";
            var where = string.Join(", ", missing.Select(d => $"{d} ({GroupName(document, groupOfDomain, d)})"));
            var fix = scope.WholeEstate
                ? $"Map and replicate {string.Join(", ", missing)} so the plan recovers it, or copy the template's disks to a mapped domain (Storage → Disks → Copy in the engine)."
                : otherGroups.Count > 0
                    ? $"Add group {string.Join(" or ", otherGroups.Select(g => $"'{g}'"))} to the plan's protection_groups, or move {string.Join(", ", missing)} into one of the plan's groups, or copy the template's disks to a domain of the plan (Storage → Disks → Copy in the engine)."
                    : $"Add {string.Join(", ", missing)} to one of the plan's protection groups, or copy the template's disks to a domain of the plan (Storage → Disks → Copy in the engine).";
            sink.Warning(PlanFindingCodes.PlanTemplateNotRecovered, $"{planKey}.protection_groups",
                $"{vms.Count} VM(s) of plan '{plan.Name}' ({named}) are based on template '{template.Name}', whose disks are on {where}, which the plan does not recover: their disks are thin on the template's image, so they may not start at the recovery site.",
                fix);
        }
    }

    private static string GroupName(PlanDocument document, Dictionary<string, int> groupOfDomain, string domain) =>
        groupOfDomain.TryGetValue(domain, out var g) ? $"group '{document.ProtectionGroups[g].Name}'" : "no group";
}
