using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class SitePollerTests
{
    private static readonly SiteDescriptor Primary = new("primary", "Prod", SiteRole.Primary, "lab:primary", true);
    private static readonly SiteDescriptor Recovery = new("recovery", "DR", SiteRole.Recovery, "lab:recovery", true);

    private readonly InventoryStore _store = new([Primary, Recovery]);
    private readonly FakeInventoryCollector _collector = new();
    private readonly InMemoryHealthSampleRepository _samples = new();

    [Fact]
    public async Task PollAsync_EngineGoesAway_KeepsLastInventoryAndReportsUnreachable()
    {
        var poller = CreatePoller();
        _collector.Returns(Inventory(vmStatus: "up"));
        _collector.Throws(new EngineUnreachableException("engine1:443", "connection refused"));
        var first = await poller.PollAsync(CancellationToken.None);

        var second = await poller.PollAsync(CancellationToken.None);

        var published = _store.Current.Find("primary")!;
        Assert.Same(second, published);
        Assert.Equal(EngineConnectionStatus.Unreachable, published.Engine.Status);
        Assert.Equal("Engine engine1:443 is unreachable: connection refused.", published.Engine.Message);
        Assert.Same(first.Inventory, published.Inventory);
        Assert.Equal(first.Engine.LastSuccess, published.Engine.LastSuccess);
        Assert.Equal(HealthLevel.Critical, published.Health.Level);
        Assert.Equal([true, false], _samples.Samples.Select(s => s.EngineReachable));
        Assert.Equal(2, published.History.Count);
    }

    [Fact]
    public async Task PollAsync_CredentialsRejected_ReportsAuthenticationFailed()
    {
        var poller = CreatePoller();
        _collector.Throws(new EngineAuthenticationException("admin@internal", "engine1", "The username or password is incorrect."));

        var snapshot = await poller.PollAsync(CancellationToken.None);

        Assert.Equal(EngineConnectionStatus.AuthenticationFailed, snapshot.Engine.Status);
        Assert.StartsWith("Authentication failed for user admin@internal at engine1: The username or password is incorrect.", snapshot.Engine.Message, StringComparison.Ordinal);
        Assert.Null(snapshot.Engine.LastSuccess);
    }

    [Fact]
    public async Task PollAsync_EngineFault_ReportsReasonAndDetail()
    {
        var poller = CreatePoller();
        _collector.Throws(new OvirtFaultException("Operation Failed", "[Internal Engine Error]", HttpStatusCode.InternalServerError, "engine1"));

        var snapshot = await poller.PollAsync(CancellationToken.None);

        Assert.Equal(EngineConnectionStatus.Faulted, snapshot.Engine.Status);
        Assert.Equal("Engine engine1 answered with a fault: Operation Failed: [Internal Engine Error].", snapshot.Engine.Message);
    }

    [Fact]
    public async Task PollAsync_LabArrayPairs_KeepsOnlyPairsOfThisSite()
    {
        var mine = new ReplicationPairStatus("p1", "data1", "primary", "recovery", "async", "replicating", 60, 12, null);
        var other = new ReplicationPairStatus("p2", "data9", "elsewhere", "other", "sync", "replicating", 0, 0, null);
        var poller = CreatePoller(new FakeReplicationMonitor(mine, other));
        _collector.Returns(Inventory(vmStatus: "up"));

        var snapshot = await poller.PollAsync(CancellationToken.None);

        Assert.Equal([mine], snapshot.Replication);
        Assert.Equal(EngineConnectionStatus.Connected, snapshot.Engine.Status);
    }

    private SitePoller CreatePoller(FakeReplicationMonitor? replication = null) =>
        new(Primary, _store, _collector, replication ?? new FakeReplicationMonitor(), _samples, new HealthHistory(TimeSpan.FromHours(6)), TimeProvider.System, NullLogger.Instance);

    private static SiteInventory Inventory(string vmStatus) => new(
        DateTimeOffset.UtcNow,
        [new InventoryDataCenter("dc1", "Prod", "up", "4.7")],
        [new InventoryCluster("c1", "cluster_prod", "Prod", "4.7")],
        [new InventoryHost("h1", "host1", HostStatus.Up, "10.0.0.1", "cluster_prod", "Prod", true, true, 64L << 30, 16, 1, null)],
        [new InventoryStorageDomain("sd1", "data1", "data", "nfs", StorageDomainStatus.Active, "ok", true, false, "Prod", 800L << 30, 200L << 30, 100L << 30, "nfs1", "/data1", null)],
        [new InventoryVm("v1", "vm1", EngineStatusWords.Parse<VmStatus>(vmStatus), "host1", "cluster_prod", true, 50, true, false, 4L << 30, 2, "Blank", ["data1"])]);
}
