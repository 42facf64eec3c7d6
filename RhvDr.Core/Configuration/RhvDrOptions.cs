namespace RhvDr.Core.Configuration;

/// <summary>The console's settings, bound from the <c>RhvDr</c> configuration section.</summary>
public sealed class RhvDrOptions
{
    public const string SectionName = "RhvDr";

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

    /// <summary>The two sites of the DR pair.</summary>
    public List<SiteOptions> Sites { get; set; } = [];
}
