namespace RhvDr.Core.Mapping;

/// <summary>
/// Says in a line what a new version of the mapping changed against the previous one, e.g.
/// <c>+2 clusters, −1 network, storage scsi_domain target changed</c>. Items are matched by their primary-side key.
/// </summary>
public static class MappingChangeSummary
{
    private const int MaxChanges = 8;

    public static string Describe(DrMapping? previous, DrMapping current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            var counts = Kinds(current).Where(k => k.Keys.Count > 0).Select(k => Count(k.Keys.Count, k.Singular, k.Plural)).ToList();
            return counts.Count == 0 ? "first version (empty)" : $"first version: {string.Join(", ", counts)}";
        }

        var changes = new List<string>();
        if (previous.Primary != current.Primary || previous.Secondary != current.Secondary)
        {
            changes.Add("site connection changed");
        }

        foreach (var (before, after) in Kinds(previous).Zip(Kinds(current)))
        {
            var added = after.Keys.Keys.Count(k => !before.Keys.ContainsKey(k));
            var removed = before.Keys.Keys.Count(k => !after.Keys.ContainsKey(k));
            if (added > 0)
            {
                changes.Add("+" + Count(added, after.Singular, after.Plural));
            }

            if (removed > 0)
            {
                changes.Add("\u2212" + Count(removed, after.Singular, after.Plural));
            }

            foreach (var (key, item) in after.Keys)
            {
                if (before.Keys.TryGetValue(key, out var old) && !Equals(old, item))
                {
                    changes.Add($"{after.Singular} {key} target changed");
                }
            }
        }

        if (!previous.UnknownKeys.Equals(current.UnknownKeys))
        {
            changes.Add("other keys changed");
        }

        return changes.Count switch
        {
            0 => "no changes",
            <= MaxChanges => string.Join(", ", changes),
            _ => $"{string.Join(", ", changes.Take(MaxChanges))} and {changes.Count - MaxChanges} more",
        };
    }

    /// <summary>What <paramref name="active"/> maps that <paramref name="next"/> does not (by primary-side key), in kind order.</summary>
    public static IReadOnlyList<MappingRemovedObject> Removed(DrMapping? active, DrMapping next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (active is null)
        {
            return [];
        }

        return [.. Kinds(active).Zip(Kinds(next))
            .SelectMany(pair => pair.First.Keys.Keys.Where(k => !pair.Second.Keys.ContainsKey(k)).Select(k => new MappingRemovedObject(pair.First.Singular == "storage" ? "storage domain" : pair.First.Singular, k)))];
    }

    private static string Count(int n, string singular, string plural) => $"{n} {(n == 1 ? singular : plural)}";

    private static IEnumerable<(string Singular, string Plural, Dictionary<string, object> Keys)> Kinds(DrMapping m)
    {
        yield return ("storage", "storage domains", Keyed(m.ImportStorages, s => s.Primary.Name));
        yield return ("cluster", "clusters", Keyed(m.Clusters, n => n.PrimaryName));
        yield return ("affinity group", "affinity groups", Keyed(m.AffinityGroups, n => n.PrimaryName));
        yield return ("affinity label", "affinity labels", Keyed(m.AffinityLabels, n => n.PrimaryName));
        yield return ("AAA domain", "AAA domains", Keyed(m.AaaDomains, n => n.PrimaryName));
        yield return ("role", "roles", Keyed(m.Roles, n => n.PrimaryName));
        yield return ("network", "networks", Keyed(m.Networks, n => $"{n.Primary.NetworkName}/{n.Primary.ProfileName}"));
        yield return ("LUN", "LUNs", Keyed(m.Luns, l => l.Primary.LogicalUnitId));
    }

    /// <summary>Items by key; a repeated or empty key gets its position so no item is lost.</summary>
    private static Dictionary<string, object> Keyed<T>(IEnumerable<T> items, Func<T, string?> key)
        where T : notnull
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in items)
        {
            var k = key(item);
            if (string.IsNullOrWhiteSpace(k) || result.ContainsKey(k))
            {
                k = $"{k}#{i}";
            }

            result[k] = item;
            i++;
        }

        return result;
    }
}
