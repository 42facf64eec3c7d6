namespace RhvDr.Core.Configuration;

/// <summary>The console's settings, bound from the <c>RhvDr</c> configuration section.</summary>
public sealed class RhvDrOptions
{
    public const string SectionName = "RhvDr";

    /// <summary>The most worker threads <see cref="MinWorkerThreads"/> may ask the pool to keep ready.</summary>
    public const int MaxWorkerThreads = 1024;

    /// <summary>SQLite file for history and runs; relative paths are relative to the working directory.</summary>
    public string DatabasePath { get; set; } = "rhvdr.db";

    /// <summary>How often every engine is read in full.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Total time one engine call may take, retries included.</summary>
    public TimeSpan EngineTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How much health history each site snapshot carries.</summary>
    public TimeSpan HistoryWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Health samples older than this many days are deleted.</summary>
    public int HistoryRetentionDays { get; set; } = 30;

    /// <summary>ActivePassive (an engine per site) or ActiveActive (one engine, one stretch cluster across both sites).</summary>
    public DrTopology Topology { get; set; } = DrTopology.ActivePassive;

    /// <summary>
    /// Worker threads the .NET thread pool keeps ready; 0 (the default) means 4 per core and at least 16. The pool otherwise
    /// runs about one thread per core and adds more only slowly, so a full read of a large estate (hundreds of milliseconds of
    /// parsing) would hold live updates back for as long.
    /// </summary>
    public int MinWorkerThreads { get; set; }

    /// <summary>What <see cref="MinWorkerThreads"/> comes to on a machine with <paramref name="processors"/> cores.</summary>
    public int EffectiveMinWorkerThreads(int processors) => MinWorkerThreads > 0 ? MinWorkerThreads : Math.Max(16, 4 * processors);

    /// <summary>The two sites of the DR pair.</summary>
    public List<SiteOptions> Sites { get; set; } = [];
}
