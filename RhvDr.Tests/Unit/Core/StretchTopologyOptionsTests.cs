using RhvDr.Console.Lab;
using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class StretchTopologyOptionsTests
{
    private static RhvDrOptions ActiveActive(string? label0 = "site_primary", string? pattern1 = "^host-rec-", string url1 = "lab:stretch") => new()
    {
        Topology = DrTopology.ActiveActive,
        Sites =
        [
            new SiteOptions { Name = "primary", Role = SiteRole.Primary, EngineUrl = "lab:stretch", AffinityLabel = label0 },
            new SiteOptions { Name = "recovery", Role = SiteRole.Recovery, EngineUrl = url1, HostPattern = pattern1 },
        ],
    };

    [Fact]
    public void Validate_ActiveActiveWithLabelAndPattern_Succeeds()
    {
        Assert.True(new RhvDrOptionsValidator([EmbeddedLabModule.Scheme]).Validate(null, ActiveActive()).Succeeded);
    }

    [Fact]
    public void Validate_ActiveActiveMistakes_NameTheKeys()
    {
        var result = new RhvDrOptionsValidator([EmbeddedLabModule.Scheme]).Validate(null, ActiveActive(label0: null, pattern1: "([", url1: "lab:recovery"));

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:0: Topology ActiveActive needs RhvDr:Sites:0:AffinityLabel", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:1:HostPattern '(['", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:1:EngineUrl 'lab:recovery' differs from RhvDr:Sites:0:EngineUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_OneEngineInventory_HostsByLabelOrPatternAndHostlessVmsByPreference()
    {
        var map = new StretchSiteMap(ActiveActive().Sites);
        var host = (string name, string? label) => new InventoryHost($"id-{name}", name, HostStatus.Up, null, "c", "dc", false, true, 1, 1, 0, label);
        var vm = (string name, string? hostName, string? label) => new InventoryVm($"id-{name}", name, hostName is null ? VmStatus.Down : VmStatus.Up, hostName, "c", false, 0, false, false, 1, 1, null, [], label is null ? null : [label]);
        var inventory = SiteInventory.Empty with
        {
            Hosts = [host("host-prod-01", "site_primary"), host("host-rec-01", null)],
            Vms = [vm("a", "host-prod-01", null), vm("b", "host-rec-01", "site_primary"), vm("c", null, "site_primary"), vm("d", null, null)],
        };

        var primary = map.Split(inventory, "primary");
        var recovery = map.Split(inventory, "recovery");

        Assert.Equal(["host-prod-01"], primary.Hosts.Select(h => h.Name));
        Assert.Equal(["host-rec-01"], recovery.Hosts.Select(h => h.Name));
        Assert.Equal(["a", "c", "d"], primary.Vms.Select(v => v.Name));
        Assert.Equal(["b"], recovery.Vms.Select(v => v.Name));
    }
}
