using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

/// <summary>Hand-built site snapshots for component and view-model tests.</summary>
public sealed class SiteSnapshotBuilder
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 3, 0, 0, TimeSpan.Zero);

    public static readonly SiteDescriptor Primary = new("primary", "Prod (Brno)", SiteRole.Primary, "https://engine1/ovirt-engine/api", true);
    public static readonly SiteDescriptor Recovery = new("recovery", "DR (Ostrava)", SiteRole.Recovery, "https://engine2/ovirt-engine/api", true);

    private readonly SiteDescriptor _site;
    private readonly List<InventoryHost> _hosts = [];
    private readonly List<InventoryStorageDomain> _domains = [];
    private readonly List<InventoryVm> _vms = [];
    private readonly List<ReplicationPairStatus> _pairs = [];
    private readonly List<HealthSample> _history = [];
    private EngineState _engine = new(EngineConnectionStatus.Connected, null, Now, Now);

    private SiteSnapshotBuilder(SiteDescriptor site) => _site = site;

    public static SiteSnapshotBuilder For(SiteDescriptor site) => new(site);

    public SiteSnapshotBuilder Engine(EngineConnectionStatus status, string? message = null, DateTimeOffset? lastSuccess = null)
    {
        _engine = new EngineState(status, message, Now, lastSuccess ?? (status == EngineConnectionStatus.Connected ? Now : Now.AddMinutes(-3)));
        return this;
    }

    public SiteSnapshotBuilder Host(string name, string status = "up", string cluster = "cluster_prod", int vmsRunning = 0)
    {
        _hosts.Add(new InventoryHost($"h-{name}", name, EngineStatusWords.Parse<HostStatus>(status), $"{name}.example.com", cluster, "Prod", false, true, 64L << 30, 16, vmsRunning, _site.Name));
        return this;
    }

    public SiteSnapshotBuilder Domain(string name, string status = "active", long usedGiB = 100, long freeGiB = 900, bool master = false)
    {
        _domains.Add(new InventoryStorageDomain($"sd-{name}", name, "data", "nfs", EngineStatusWords.Parse<StorageDomainStatus>(status), "ok", master, false, "Prod",
            freeGiB << 30, usedGiB << 30, usedGiB << 30, "nfs.example.com", $"/exports/{name}", Now));
        return this;
    }

    public SiteSnapshotBuilder Vm(string name, string status = "up", string? host = "host1", bool ha = false, int haPriority = 0, long memoryGiB = 4, params string[] domains)
    {
        _vms.Add(new InventoryVm($"vm-{_site.Name}-{name}", name, EngineStatusWords.Parse<VmStatus>(status), host, "cluster_prod", ha, haPriority, ha, false, memoryGiB << 30, 2, "rhel9", domains));
        return this;
    }

    public SiteSnapshotBuilder Vms(int count, string status = "up")
    {
        for (var i = 0; i < count; i++)
        {
            Vm($"vm{i:D5}", status, $"host{i % 8}", ha: i % 3 == 0, haPriority: i % 100, memoryGiB: 1 + (i % 16));
        }
        return this;
    }

    public SiteSnapshotBuilder Replication(string domain, string state = "replicating", double lagSeconds = 2, string mode = "async", int intervalSeconds = 60)
    {
        _pairs.Add(new ReplicationPairStatus($"pair-{domain}", domain, Primary.Name, Recovery.Name, mode, state, intervalSeconds, lagSeconds, Now.AddSeconds(-lagSeconds)));
        return this;
    }

    public SiteSnapshotBuilder History(int samples)
    {
        for (var i = 0; i < samples; i++)
        {
            _history.Add(new HealthSample(_site.Name, Now.AddMinutes(i - samples), true, HealthLevel.Ok, 8 - (i % 2), 8, 4, 4, 100 - i, 110));
        }
        return this;
    }

    public SiteSnapshot Build() =>
        new(_site, _engine, new SiteInventory(Now, [], [], _hosts.ToList(), _domains.ToList(), _vms.ToList()), _pairs.ToList(), _history.ToList());

    /// <summary>A store holding both sites with nothing polled yet; notifications are not throttled.</summary>
    public static global::RhvDr.Core.Monitoring.InventoryStore NewStore() => new([Primary, Recovery]);

    public static InventorySnapshot Snapshot(long version, params SiteSnapshot[] sites) => new(sites, version);
}
