namespace RhvDr.Core.Readiness;

/// <summary>Readiness settings, bound from <c>RhvDr:Readiness</c>.</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "RhvDr:Readiness";

    /// <summary>The data loss the business accepts, in seconds; replication further behind than this is a warning.</summary>
    public int RpoTargetSeconds { get; set; } = 900;

    /// <summary>A test failover older than this many days is a warning.</summary>
    public int TestFailoverMaxAgeDays { get; set; } = 90;

    /// <summary>How often readiness is evaluated when the inventory does not change.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Inventory changes closer together than this are evaluated once.</summary>
    public TimeSpan MinEvaluationGap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>vCPUs the recovery site may run per host logical CPU.</summary>
    /// <summary>How long the objects read for the mapping check (both engines, in full) are reused; 0 reads them every evaluation.</summary>
    public TimeSpan MappingInventoryMaxAge { get; set; } = TimeSpan.FromMinutes(1);

    public double CpuOvercommitRatio { get; set; } = 4;

    /// <summary>Share of a host's memory the scheduler may give VMs.</summary>
    public double UsableMemoryFraction { get; set; } = 0.9;

    /// <summary>
    /// The engine's OVF update interval (its <c>OvfUpdateIntervalInMinutes</c>, 60 by default): a VM last changed longer ago than
    /// this is in its domain's OVF store, because the engine has run a scheduled update since.
    /// </summary>
    public TimeSpan OvfUpdateInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Active/Active (stretched cluster): enables the HA lease and site affinity check.</summary>
    public bool ActiveActive { get; set; }

    /// <summary>Readiness results older than this many days are deleted.</summary>
    public int RetentionDays { get; set; } = 120;
}
