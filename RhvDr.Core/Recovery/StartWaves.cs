namespace RhvDr.Core.Recovery;

/// <summary>The start order of recovered VMs (DESIGN §6 step 7): HA VMs first by HA priority, then the rest, by name, in waves of bounded size.</summary>
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
}
