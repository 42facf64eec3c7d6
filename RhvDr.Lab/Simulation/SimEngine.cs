namespace RhvDr.Lab.Simulation;

/// <summary>
/// One simulated oVirt engine and everything it manages. Guarded by its own <see cref="Lock"/>, which only
/// <see cref="LabSimulation"/> takes; tests reach the state through <see cref="LabSimulation.Read{T}"/> and <see cref="LabSimulation.Stage"/>.
/// </summary>
public sealed class SimEngine
{
    public required string Site { get; init; }
    public required string DataCenterName { get; init; }
    public required string ClusterName { get; init; }
    public string? EngineUrl { get; set; }

    /// <summary>This engine's place in the lab's lock order; set once the lab has all its engines.</summary>
    internal OrderedLock Lock { get; } = new();

    /// <summary>The whole site is dark: the engine answers nothing and its hosts are unreachable.</summary>
    public bool Down { get; set; }

    /// <summary>Active/Active: one engine for a stretch cluster whose hosts stand at both sites (<see cref="SimHost.SiteLabel"/>).</summary>
    public bool IsStretch { get; init; }

    /// <summary>Active/Active: the sites whose hosts (and fencing devices) are dark; the engine itself stands elsewhere and answers.</summary>
    public HashSet<string> DownSites { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, SimDataCenter> DataCenters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimCluster> Clusters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimHost> Hosts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimStorageDomain> StorageDomains { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimVm> Vms { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimTemplate> Templates { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimNetwork> Networks { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimVnicProfile> VnicProfiles { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimAffinityGroup> AffinityGroups { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimAffinityLabel> AffinityLabels { get; } = new(StringComparer.Ordinal);
    public List<SimEvent> Events { get; } = [];
    public Dictionary<string, SimJob> Jobs { get; } = new(StringComparer.Ordinal);
    public long NextEventId { get; set; } = 1000;

    public SimDataCenter DataCenter => DataCenters.Values.First(d => d.Name == DataCenterName);

    public SimCluster Cluster => Clusters.Values.First(c => c.Name == ClusterName);

    public SimHost? FindHost(string idOrName) =>
        Hosts.GetValueOrDefault(idOrName) ?? Hosts.Values.FirstOrDefault(h => string.Equals(h.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    public SimCluster? FindCluster(string? id, string? name) =>
        (id is null ? null : Clusters.GetValueOrDefault(id)) ?? Clusters.Values.FirstOrDefault(c => name is not null && c.Name == name);

    public SimStorageDomain? FindStorageDomain(string? id, string? name) =>
        (id is null ? null : StorageDomains.GetValueOrDefault(id)) ?? StorageDomains.Values.FirstOrDefault(s => name is not null && s.Name == name);

    public string? DataCenterIdOfCluster(string clusterId) => Clusters.GetValueOrDefault(clusterId)?.DataCenterId;
}
