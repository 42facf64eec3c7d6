using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Core;

public sealed class InventoryChangesTests
{
    private static readonly OvirtRef DataCenter = new() { Id = "dc1" };
    private static readonly OvirtRef Cluster = new() { Id = "c1" };

    [Fact]
    public void From_EventsNamingObjects_CollectsTheirIdsAlongsideTheirDataCenterAndCluster()
    {
        var changes = InventoryChanges.From(
        [
            new OvirtEvent { Id = 1, Code = 61, Vm = new OvirtRef { Id = "v1" }, Host = new OvirtRef { Id = "h1" }, DataCenter = DataCenter, Cluster = Cluster },
            new OvirtEvent { Id = 2, Code = 968, StorageDomain = new OvirtRef { Id = "sd1" }, DataCenter = DataCenter },
            new OvirtEvent { Id = 3, Code = 30, Description = "User admin logged in" },
        ]);

        Assert.False(changes.Unattributed);
        Assert.Equal(["v1"], changes.VmIds);
        Assert.Equal(["h1"], changes.HostIds);
        Assert.Equal(["sd1"], changes.StorageDomainIds);
    }

    [Fact]
    public void From_EventNamingOnlyADataCenter_IsUnattributed()
    {
        var changes = InventoryChanges.From([new OvirtEvent { Id = 1, Code = 958, DataCenter = DataCenter, Cluster = Cluster }]);

        Assert.True(changes.Unattributed);
        Assert.False(changes.IsEmpty);
    }

    [Fact]
    public void From_VmNamedWithoutId_IsUnattributed()
    {
        var changes = InventoryChanges.From([new OvirtEvent { Id = 1, Code = 61, Vm = new OvirtRef { Name = "web01" } }]);

        Assert.True(changes.Unattributed);
    }

    [Fact]
    public void From_OnlyLogins_IsEmpty()
    {
        var changes = InventoryChanges.From([new OvirtEvent { Id = 1, Code = 30, Description = "User admin logged in" }]);

        Assert.True(changes.IsEmpty);
    }
}
