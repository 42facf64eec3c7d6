using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

/// <summary>A full read shares every unchanged object with the read before it, and shows every change.</summary>
public sealed class SiteInventoryReuseTests
{
    [Fact]
    public void Apply_NothingChanged_KeepsThePreviousListsAndObjects()
    {
        var previous = Inventory(Vm("v1", "up"), Vm("v2", "down"));
        var fresh = Inventory(Vm("v1", "up"), Vm("v2", "down"));

        var result = SiteInventoryReuse.Apply(previous, fresh);

        Assert.Same(previous.Vms, result.Vms);
        Assert.Same(previous.Hosts, result.Hosts);
        Assert.Same(previous.StorageDomains, result.StorageDomains);
        Assert.Equal(fresh.CollectedAt, result.CollectedAt);
    }

    [Fact]
    public void Apply_OneVmChanged_TakesTheNewOneAndKeepsTheOthers()
    {
        var previous = Inventory(Vm("v1", "up"), Vm("v2", "up"), Vm("v3", "up"));
        var fresh = Inventory(Vm("v1", "up"), Vm("v2", "down"), Vm("v3", "up"));

        var result = SiteInventoryReuse.Apply(previous, fresh);

        Assert.NotSame(previous.Vms, result.Vms);
        Assert.Same(previous.Vms[0], result.Vms[0]);
        Assert.Same(fresh.Vms[1], result.Vms[1]);
        Assert.Equal("down", result.Vms[1].Status);
        Assert.Same(previous.Vms[2], result.Vms[2]);
    }

    [Fact]
    public void Apply_VmListsDifferInContent_SeenAsChanged()
    {
        var previous = Inventory(Vm("v1", "up", domains: ["data1"], labels: ["gold"]));

        var newDomain = SiteInventoryReuse.Apply(previous, Inventory(Vm("v1", "up", domains: ["data1", "data2"], labels: ["gold"])));
        var newLabel = SiteInventoryReuse.Apply(previous, Inventory(Vm("v1", "up", domains: ["data1"], labels: ["silver"])));
        var labelsUnknown = SiteInventoryReuse.Apply(previous, Inventory(Vm("v1", "up", domains: ["data1"], labels: null)));
        var sameContent = SiteInventoryReuse.Apply(previous, Inventory(Vm("v1", "up", domains: ["data1"], labels: ["gold"])));

        Assert.Equal(["data1", "data2"], newDomain.Vms[0].StorageDomainNames);
        Assert.Equal(["silver"], newLabel.Vms[0].AffinityLabels!);
        Assert.Null(labelsUnknown.Vms[0].AffinityLabels);
        Assert.Same(previous.Vms[0], sameContent.Vms[0]);
    }

    [Fact]
    public void Apply_VmNetworksAndTemplatesCompareByContent_SameKeptChangedTaken()
    {
        var previous = Inventory(Vm("v1", "up") with { OsType = "windows_2019x64", NetworkNames = ["vm_prod"] }) with { Templates = [Template("sd1")] };

        var same = SiteInventoryReuse.Apply(previous, Inventory(Vm("v1", "up") with { OsType = "windows_2019x64", NetworkNames = ["vm_prod"] }) with { Templates = [Template("sd1")] });
        var moved = SiteInventoryReuse.Apply(previous, Inventory(Vm("v1", "up") with { OsType = "windows_2019x64", NetworkNames = ["vm_backend"] }) with { Templates = [Template("sd2")] });

        Assert.Same(previous.Vms, same.Vms);
        Assert.Same(previous.Templates, same.Templates);
        Assert.Equal(["vm_backend"], moved.Vms[0].NetworkNames!);
        Assert.Equal(["sd2"], Assert.Single(Assert.Single(moved.Templates).DiskStorageDomainNames));
    }

    [Fact]
    public void Apply_OrderMovedAndVmsAddedOrRemoved_MatchesById()
    {
        var previous = Inventory(Vm("v1", "up"), Vm("v2", "up"), Vm("v3", "up"));
        var fresh = Inventory(Vm("v3", "up"), Vm("v4", "up"), Vm("v1", "up"));

        var result = SiteInventoryReuse.Apply(previous, fresh);

        Assert.Equal(["v3", "v4", "v1"], result.Vms.Select(v => v.Id));
        Assert.Same(previous.Vms[2], result.Vms[0]);
        Assert.Same(fresh.Vms[1], result.Vms[1]);
        Assert.Same(previous.Vms[0], result.Vms[2]);
    }

    [Fact]
    public void Apply_HostChanged_TakesTheNewHost()
    {
        var previous = Inventory(Vm("v1", "up"));
        var fresh = Inventory(Vm("v1", "up")) with { Hosts = [Host("non_responsive")] };

        var result = SiteInventoryReuse.Apply(previous, fresh);

        Assert.Equal("non_responsive", Assert.Single(result.Hosts).Status);
        Assert.Same(previous.Vms, result.Vms);
    }

    private static InventoryVm Vm(string id, string status, IReadOnlyList<string>? domains = null, IReadOnlyList<string>? labels = null) =>
        new(id, "vm-" + id, EngineStatusWords.Parse<VmStatus>(status), status == "up" ? "host1" : null, "cluster_prod", true, 50, true, false, 4L << 30, 2, "Blank",
            domains is null ? ["data1"] : [.. domains], labels is null ? null : [.. labels]);

    private static InventoryTemplate Template(string domain) => new("t1", "rhel9-base", [[domain]]);

    private static InventoryHost Host(string status) =>
        new("h1", "host1", EngineStatusWords.Parse<HostStatus>(status), "10.0.0.1", "cluster_prod", "Prod", true, true, 64L << 30, 16, 1, null);

    private static SiteInventory Inventory(params InventoryVm[] vms) => new(
        DateTimeOffset.UtcNow,
        [new InventoryDataCenter("dc1", "Prod", "up", "4.7")],
        [new InventoryCluster("c1", "cluster_prod", "Prod", "4.7")],
        [Host("up")],
        [new InventoryStorageDomain("sd1", "data1", "data", "nfs", StorageDomainStatus.Active, "ok", true, false, "Prod", 800L << 30, 200L << 30, 100L << 30, "nfs1", "/data1", null)],
        [.. vms]);
}
