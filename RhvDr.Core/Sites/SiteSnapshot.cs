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
    private HealthCache? _health;

    /// <summary>
    /// The roll-up of <see cref="Engine"/>, <see cref="Inventory"/> and <see cref="Replication"/>, computed once per combination.
    /// A plain initialised property would be copied unchanged by <c>with</c> and go stale; this one notices.
    /// </summary>
    public SiteHealth Health
    {
        get
        {
            var cached = Volatile.Read(ref _health);
            if (cached is null || !cached.IsFor(Engine, Inventory, Replication))
            {
                cached = new HealthCache(Engine, Inventory, Replication, SiteHealth.From(Engine, Inventory, Replication));
                Volatile.Write(ref _health, cached);
            }
            return cached.Health;
        }
    }

    public static SiteSnapshot Initial(SiteDescriptor site) => new(site, EngineState.NotPolled, SiteInventory.Empty, [], []);

    private sealed record HealthCache(EngineState Engine, SiteInventory Inventory, IReadOnlyList<ReplicationPairStatus> Replication, SiteHealth Health)
    {
        public bool IsFor(EngineState engine, SiteInventory inventory, IReadOnlyList<ReplicationPairStatus> replication) =>
            ReferenceEquals(Engine, engine) && ReferenceEquals(Inventory, inventory) && ReferenceEquals(Replication, replication);
    }
}
