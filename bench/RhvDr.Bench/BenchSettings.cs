namespace RhvDr.Bench;

/// <summary>The sizes and repetitions of one benchmark mode. Quick keeps the figures' estates and scales down the failover.</summary>
public sealed record BenchSettings(
    string Mode,
    int FailoverVms,
    int FailoverDataDomains,
    int FailoverHostsPerSite,
    double FailoverTimeScale,
    int ApiLatencyMs,
    int MaxParallel,
    int InventoryVms,
    int InventoryHostsPerSite,
    int InventoryRepeats,
    int HubClients,
    int HubEvents,
    int HubEventsPerSecond,
    int RenderRepeats,
    int Circuits)
{
    /// <summary>The estates for everything; the failover at 2,000 VMs in 20 domains (the sequential baseline takes minutes).</summary>
    public static BenchSettings Full { get; } = new("full", 2000, 20, 40, 0.01, 20, 20, 10_000, 200, 10, 200, 10_000, 500, 20, 20);

    /// <summary>Under 3 minutes on 2 cores: the failover at 200 VMs in 20 domains; inventory, hub and UI at full size, fewer repeats.</summary>
    public static BenchSettings Quick { get; } = new("quick", 200, 20, 8, 0.01, 20, 20, 10_000, 200, 3, 200, 10_000, 500, 5, 20);
}
