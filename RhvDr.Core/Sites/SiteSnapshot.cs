namespace RhvDr.Core.Sites;

/// <summary>What the console knows of one site at a moment: the engine connection, the last known inventory, its roll-up and recent history.</summary>
/// <param name="Inventory">The last inventory read; kept when the engine becomes unreachable so operators still see the last known state.</param>
public sealed record SiteSnapshot(
    SiteDescriptor Site,
    EngineState Engine,
    SiteInventory Inventory,
    IReadOnlyList<ReplicationPairStatus> Replication,
    IReadOnlyList<HealthSample> History)
{
    public SiteHealth Health { get; } = SiteHealth.From(Engine, Inventory, Replication);

    public static SiteSnapshot Initial(SiteDescriptor site) => new(site, EngineState.NotPolled, SiteInventory.Empty, [], []);
}
