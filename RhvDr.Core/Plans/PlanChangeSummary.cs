namespace RhvDr.Core.Plans;

/// <summary>What a new version changed, in words for the version list and the audit trail.</summary>
public static class PlanChangeSummary
{
    public static string Describe(PlanDocument? previous, PlanDocument current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            return $"first version: {Count(current.Plans.Count, "plan")}, {Count(current.ProtectionGroups.Count, "protection group")}";
        }

        var parts = new List<string>();
        Compare("plan", previous.Plans, current.Plans, p => p.Name, parts);
        Compare("protection group", previous.ProtectionGroups, current.ProtectionGroups, g => g.Name, parts);
        return parts.Count == 0 ? "no changes" : string.Join("; ", parts);
    }

    /// <summary>How <paramref name="name"/> differs between two versions: added, changed, removed, or null when it is the same.</summary>
    public static string? ChangeOf(string name, PlanDocument? previous, PlanDocument current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = previous?.FindPlan(name);
        var after = current.FindPlan(name);
        return (before, after) switch
        {
            (null, null) => null,
            (null, _) => "added",
            (_, null) => "removed",
            _ when before != after || !SameGroups(before, previous!, current) => "changed",
            _ => null,
        };
    }

    private static bool SameGroups(RecoveryPlanDefinition plan, PlanDocument previous, PlanDocument current) =>
        plan.ProtectionGroups.All(g => previous.FindGroup(g) == current.FindGroup(g));

    private static void Compare<T>(string what, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> name, List<string> parts)
    {
        var old = before.GroupBy(name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var now = after.GroupBy(name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        Add(parts, $"{what}s added", now.Keys.Where(k => !old.ContainsKey(k)));
        Add(parts, $"{what}s changed", now.Keys.Where(k => old.TryGetValue(k, out var o) && !Equals(o, now[k])));
        Add(parts, $"{what}s removed", old.Keys.Where(k => !now.ContainsKey(k)));
    }

    private static void Add(List<string> parts, string label, IEnumerable<string> names)
    {
        var list = names.ToList();
        if (list.Count > 0)
        {
            parts.Add($"{label}: {string.Join(", ", list)}");
        }
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
