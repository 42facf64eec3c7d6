using System.Text.RegularExpressions;
using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// Checks a plans document against the active DR mapping and the primary estate; pure, so every rule is testable with
/// hand-built inputs. Without a mapping or an estate, the rules that need it are replaced by one error saying so
/// (<see cref="PlanFindingCodes.MappingNone"/>, <see cref="PlanFindingCodes.EstateUnavailable"/>): a plan nobody could
/// check never becomes active.
/// </summary>
public static partial class PlanValidator
{
    /// <summary>Plan names are used in URLs (<c>/api/plans/{name}</c>); <c>export</c> is one of the API's own.</summary>
    private static readonly string[] ReservedPlanNames = ["export"];

    public static IReadOnlyList<MappingFinding> Validate(PlanDocument document, DrMapping? mapping, PlanEstate? estate, MappingSourceMap? source = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sink = new MappingFindingSink(source);
        if (mapping is null)
        {
            sink.Error(PlanFindingCodes.MappingNone, string.Empty,
                "There is no active DR mapping, so no protection group can be checked against it.",
                "Save a mapping without errors first (Mapping page or PUT /api/mapping), then save the plans again.");
        }

        if (estate is null)
        {
            sink.Error(PlanFindingCodes.EstateUnavailable, string.Empty,
                "The primary site's inventory has not been read yet, so storage domains and VMs could not be checked.",
                "Wait until the primary engine answers (see Overview), then save the plans again.");
        }

        var mapped = mapping?.ImportStorages.Select(s => s.Primary.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var groupOfDomain = CheckGroups(document, mapped, estate, sink);
        if (estate is not null)
        {
            CheckSpanningVms(document, estate, groupOfDomain, sink);
            PlanTemplateRules.CheckSpanningTemplates(document, estate, groupOfDomain, sink);
        }

        var estateVms = estate?.Vms.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var scopes = new PlanScope?[document.Plans.Count];
        var planNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var p = 0; p < document.Plans.Count; p++)
        {
            var plan = document.Plans[p];
            var key = $"plans[{p}]";
            CheckName(plan.Name, $"{key}.name", "plan", PlanFindingCodes.PlanNameInvalid, sink);
            if (ReservedPlanNames.Contains(plan.Name, StringComparer.OrdinalIgnoreCase))
            {
                sink.Error(PlanFindingCodes.PlanNameInvalid, $"{key}.name", $"'{plan.Name}' is a word the API uses itself (/api/plans/{plan.Name}); a plan cannot be called that.",
                    "Choose another name.");
            }
            else if (plan.Name.Length > 0 && !planNames.Add(plan.Name))
            {
                sink.Error(PlanFindingCodes.PlanDuplicate, $"{key}.name", $"Two plans are called '{plan.Name}'.", "Give each plan its own name.");
            }

            scopes[p] = ScopeOf(plan, key, document, mapped, estate, sink);
            PlanVmRules.Check(plan, key, scopes[p], estateVms, sink);
            PlanStepRules.Check(plan, key, sink);
            PlanNetworkRules.Check(plan, key, mapping, scopes[p], sink);
            PlanNetworkRules.CheckGuests(plan, key, scopes[p], estate, sink);
            if (estate is not null && scopes[p] is { } scope && (mapping is not null || !scope.WholeEstate))
            {
                PlanTemplateRules.CheckTemplatesOfPlan(plan, key, scope, estate, groupOfDomain, document, sink);
            }

            CheckDrill(plan, key, sink);
        }

        CheckOverlaps(document, scopes, estate, sink);
        return sink.Findings;
    }

    private static Dictionary<string, int> CheckGroups(PlanDocument document, HashSet<string>? mapped, PlanEstate? estate, MappingFindingSink sink)
    {
        var groupOfDomain = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var known = estate?.StorageDomains.ToHashSet(StringComparer.Ordinal);
        for (var g = 0; g < document.ProtectionGroups.Count; g++)
        {
            var group = document.ProtectionGroups[g];
            var key = $"protection_groups[{g}]";
            CheckName(group.Name, $"{key}.name", "protection group", PlanFindingCodes.GroupNameInvalid, sink);
            if (string.Equals(group.Name, ProtectionGroup.All, StringComparison.OrdinalIgnoreCase))
            {
                sink.Error(PlanFindingCodes.GroupReservedName, $"{key}.name",
                    "'all' is the implicit group of every mapped storage domain; a protection group cannot be defined with that name.",
                    "Choose another name, or name 'all' in a plan's protection_groups to recover the whole estate.");
            }
            else if (group.Name.Length > 0 && !names.Add(group.Name))
            {
                sink.Error(PlanFindingCodes.GroupDuplicate, $"{key}.name", $"Two protection groups are called '{group.Name}'.", "Give each group its own name.");
            }

            if (group.StorageDomains.Count == 0)
            {
                sink.Error(PlanFindingCodes.GroupEmpty, key, $"Protection group '{group.Name}' has no storage domains.",
                    "List the replicated storage domains the array moves together under storage_domains.");
            }

            for (var d = 0; d < group.StorageDomains.Count; d++)
            {
                var domain = group.StorageDomains[d];
                var domainKey = $"{key}.storage_domains[{d}]";
                if (groupOfDomain.TryGetValue(domain, out var other))
                {
                    sink.Error(PlanFindingCodes.GroupDomainShared, domainKey,
                        $"Storage domain '{domain}' is in protection groups '{document.ProtectionGroups[other].Name}' and '{group.Name}'; the array moves a domain with one group only.",
                        "Keep the domain in one group.");
                    continue;
                }

                groupOfDomain[domain] = g;
                if (known is not null && !known.Contains(domain))
                {
                    sink.Error(PlanFindingCodes.GroupDomainUnknown, domainKey,
                        $"Protection group '{group.Name}' names storage domain '{domain}', which the primary site does not have.",
                        "Use the domain's name at the primary site (Sites → primary → storage domains); names are case-sensitive.");
                }
                else if (mapped is not null && !mapped.Contains(domain))
                {
                    sink.Error(PlanFindingCodes.GroupDomainUnmapped, domainKey,
                        $"Storage domain '{domain}' of protection group '{group.Name}' is not in the active DR mapping, so no plan could recover it.",
                        "Map the domain first (Mapping → storage domains), or take it out of the group.");
                }
            }
        }

        return groupOfDomain;
    }

    private static void CheckSpanningVms(PlanDocument document, PlanEstate estate, Dictionary<string, int> groupOfDomain, MappingFindingSink sink)
    {
        foreach (var vm in estate.Vms)
        {
            var groups = vm.StorageDomains.Select(d => groupOfDomain.TryGetValue(d, out var g) ? g : -1).Distinct().Order().ToList();
            if (groups.Count < 2 || groups.All(g => g < 0))
            {
                continue;
            }

            var first = groups.First(g => g >= 0);
            var names = groups.Select(g => g < 0 ? "no group" : $"'{document.ProtectionGroups[g].Name}'");
            sink.Error(PlanFindingCodes.GroupVmSpans, $"protection_groups[{first}]",
                $"VM '{vm.Name}' has disks on {string.Join(", ", vm.StorageDomains)}, which are in {string.Join(" and ", names)}: no group can be recovered with all of its disks.",
                "Put every storage domain the VM uses into the same protection group.");
        }
    }

    private static PlanScope? ScopeOf(RecoveryPlanDefinition plan, string key, PlanDocument document, HashSet<string>? mapped, PlanEstate? estate, MappingFindingSink sink)
    {
        if (plan.ProtectionGroups.Count == 0)
        {
            sink.Error(PlanFindingCodes.PlanNoGroups, key, $"Plan '{plan.Name}' recovers no protection group.",
                "List the groups it recovers under protection_groups, or [\"all\"] for the whole estate.");
        }

        var domains = new HashSet<string>(StringComparer.Ordinal);
        var whole = false;
        for (var i = 0; i < plan.ProtectionGroups.Count; i++)
        {
            var name = plan.ProtectionGroups[i];
            if (string.Equals(name, ProtectionGroup.All, StringComparison.OrdinalIgnoreCase))
            {
                whole = true;
                domains.UnionWith(mapped ?? []);
            }
            else if (document.FindGroup(name) is { } group)
            {
                domains.UnionWith(group.StorageDomains);
            }
            else
            {
                sink.Error(PlanFindingCodes.PlanGroupUnknown, $"{key}.protection_groups[{i}]",
                    $"Plan '{plan.Name}' recovers protection group '{name}', which is not defined.",
                    $"Define it under protection_groups, or use one of: {string.Join(", ", document.ProtectionGroups.Select(g => g.Name).Append(ProtectionGroup.All))}.");
            }
        }

        var vms = estate?.Vms.Where(v => whole ? v.StorageDomains.Count > 0 : v.StorageDomains.Any(domains.Contains)).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        return new PlanScope(domains, whole, vms);
    }

    private static void CheckOverlaps(PlanDocument document, PlanScope?[] scopes, PlanEstate? estate, MappingFindingSink sink)
    {
        for (var b = 1; b < scopes.Length; b++)
        {
            for (var a = 0; a < b; a++)
            {
                if (scopes[a] is not { } first || scopes[b] is not { } second)
                {
                    continue;
                }

                var shared = estate is null
                    ? []
                    : estate.Vms.Where(v => first.Vms!.Contains(v.Name) && second.Vms!.Contains(v.Name)).Select(v => v.Name).ToList();
                var overlap = estate is not null ? shared.Count > 0 : first.WholeEstate || second.WholeEstate || first.StorageDomains.Overlaps(second.StorageDomains);
                if (!overlap)
                {
                    continue;
                }

                var which = shared.Count == 0 ? "the same storage domains" : $"{shared.Count} of the same VMs ({string.Join(", ", shared.Take(3))}{(shared.Count > 3 ? ", …" : "")})";
                sink.Error(PlanFindingCodes.PlanVmOverlap, $"plans[{b}].protection_groups",
                    $"Plans '{document.Plans[a].Name}' and '{document.Plans[b].Name}' both recover {which}; a VM belongs to one plan.",
                    "Give the two plans protection groups with no storage domain in common (a plan of group 'all' is the only plan).");
            }
        }
    }

    private static void CheckDrill(RecoveryPlanDefinition plan, string key, MappingFindingSink sink)
    {
        if (plan.Drill is not { } drill)
        {
            return;
        }

        try
        {
            Cronos.CronExpression.Parse(drill.Cron, Cronos.CronFormat.Standard);
        }
        catch (Cronos.CronFormatException ex)
        {
            sink.Error(PlanFindingCodes.DrillBadCron, $"{key}.drill.cron",
                $"The drill schedule '{drill.Cron}' of plan '{plan.Name}' is not a cron expression: {ex.Message}",
                "Write five fields: minute hour day-of-month month day-of-week, e.g. \"0 3 * * 6\" for Saturdays at 03:00.");
        }

        if (drill.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            sink.Error(PlanFindingCodes.DrillBadTimeZone, $"{key}.drill.time_zone",
                $"The drill time zone '{zone}' of plan '{plan.Name}' is not a time zone this host knows.",
                "Write an IANA time zone such as \"UTC\" or \"Europe/Berlin\", or leave time_zone out for UTC.");
        }

        if (drill.CleanupAfterMinutes is { } minutes && (minutes < 0 || minutes > DrillSchedule.MaxCleanupAfterMinutes))
        {
            sink.Error(PlanFindingCodes.DrillBadCleanup, $"{key}.drill.cleanup_after_minutes",
                $"The drill of plan '{plan.Name}' keeps its test environment {minutes} minutes before the cleanup; that is outside 0 to {DrillSchedule.MaxCleanupAfterMinutes} (one week).",
                $"Write a number of minutes from 0 (clean up at once) to {DrillSchedule.MaxCleanupAfterMinutes}, or leave cleanup_after_minutes out for {DrillSchedule.DefaultCleanupAfterMinutes}.");
        }
    }

    private static void CheckName(string name, string key, string what, string code, MappingFindingSink sink)
    {
        if (!NamePattern().IsMatch(name))
        {
            sink.Error(code, key,
                name.Length == 0 ? $"A {what} has no name." : $"The {what} name '{name}' may hold only letters, digits, '.', '-' and '_' (it is used in URLs and file names).",
                $"Give the {what} a name such as \"tier1-core\".");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex NamePattern();
}
