namespace RhvDr.Core.Recovery;

/// <summary>
/// The start order of recovered VMs (DESIGN §6 step 7): HA VMs first by HA priority, then the rest, by name, in waves of
/// bounded size. A wave is a VM's place in that order in groups of the start parallelism; the run gives each free start slot
/// to the highest-ranked VM that is ready (its domain active, registered), so a VM on a domain still waiting for the SPM
/// holds no one back.
/// </summary>
public static class StartWaves
{
    public static IReadOnlyList<T[]> Plan<T>(IEnumerable<T> vms, Func<T, bool> highlyAvailable, Func<T, int> haPriority, Func<T, string> name, int waveSize)
    {
        ArgumentNullException.ThrowIfNull(vms);
        return vms.OrderByDescending(highlyAvailable)
            .ThenByDescending(v => highlyAvailable(v) ? haPriority(v) : 0)
            .ThenBy(name, StringComparer.Ordinal)
            .Chunk(Math.Max(1, waveSize))
            .ToList();
    }

    /// <summary>Each VM's place in the start order (0 first) and its wave (1-based), by <paramref name="key"/>.</summary>
    public static IReadOnlyDictionary<string, (int Rank, int Wave)> Rank<T>(
        IEnumerable<T> vms, Func<T, string> key, Func<T, bool> highlyAvailable, Func<T, int> haPriority, Func<T, string> name, int waveSize)
    {
        var ranks = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var rank = 0;
        var waves = Plan(vms, highlyAvailable, haPriority, name, waveSize);
        for (var w = 0; w < waves.Count; w++)
        {
            foreach (var vm in waves[w])
            {
                ranks[key(vm)] = (rank++, w + 1);
            }
        }

        return ranks;
    }
}
