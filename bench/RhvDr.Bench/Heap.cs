namespace RhvDr.Bench;

/// <summary>The managed heap of this process after everything collectable has gone.</summary>
public static class Heap
{
    public static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// The least of several settled heaps, half a second apart. The console's pollers hold a full read's objects (tens of
    /// MB at 10,000 VMs) for a few hundred milliseconds every few seconds; a single sample taken during one is off by that
    /// much, the least of several is what stays.
    /// </summary>
    public static async Task<long> SettleLeastAsync(int samples, CancellationToken ct)
    {
        var least = long.MaxValue;
        for (var i = 0; i < samples; i++)
        {
            if (i > 0)
            {
                await Task.Delay(500, ct);
            }

            least = Math.Min(least, Settle());
        }

        return least;
    }

    /// <summary>
    /// The settled heap once it has stopped shrinking: what an earlier stage left (200 hub connections closing, a test's
    /// clients) is released in the background for a few seconds, and a baseline taken meanwhile would count it against
    /// what is measured next. Samples every half second until three in a row lie within 2 MB, or 10 s have passed.
    /// </summary>
    public static async Task<long> QuiesceAsync(CancellationToken ct)
    {
        var samples = new List<long> { Settle() };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, ct);
            samples.Add(Settle());
            if (samples.Count >= 3 && samples[^3..].Max() - samples[^3..].Min() < 2 * 1048576)
            {
                break;
            }
        }

        return samples[^3..].Min();
    }
}
