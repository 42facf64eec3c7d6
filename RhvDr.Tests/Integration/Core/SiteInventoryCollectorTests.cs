using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Tests.Ovirt;

namespace RhvDr.Tests.Core;

public sealed class SiteInventoryCollectorTests : IAsyncLifetime
{
    private FakeEngine _engine = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _engine = await FakeEngine.StartAsync();
        _http = new HttpClient();
        _engine.Set("datacenters", """{"data_center":[{"id":"dc1","name":"Prod","status":"up","version":{"major":"4","minor":"7"}}]}""");
        _engine.Set("clusters", """{"cluster":[{"id":"c1","name":"cluster_prod","data_center":{"id":"dc1"},"version":{"major":"4","minor":"7"}}]}""");
        _engine.Set("hosts", """
            {"host":[{"id":"h1","name":"host1","status":"up","address":"10.0.0.1","cluster":{"id":"c1"},"spm":{"status":"spm"},
              "power_management":{"enabled":"true"},"memory":"68719476736","cpu":{"topology":{"sockets":"2","cores":"8","threads":"2"}},
              "summary":{"active":"1"}},
             {"id":"h2","name":"host2","status":"non_responsive","cluster":{"id":"c1"},"spm":{"status":"none"}}]}
            """);
        _engine.Set("storagedomains", """
            {"storage_domain":[
              {"id":"sd1","name":"data_nfs","type":"data","storage":{"type":"nfs","address":"nfs1","path":"/data1"},"available":"800","used":"200","committed":"100","data_centers":{"data_center":[{"id":"dc1"}]}},
              {"id":"sd2","name":"data_iscsi","type":"data","status":"unattached","storage":{"type":"iscsi"},"available":"10","used":"90"}]}
            """);
        _engine.Set("datacenters/dc1/storagedomains", """{"storage_domain":[{"id":"sd1","name":"data_nfs","status":"active","master":"true"}]}""");
        _engine.Set("templates?follow=disk_attachments.disk", """{"template":[{"id":"t1","name":"rhel9"}]}""");
        _engine.Set("affinitylabels?follow=hosts", """{"affinity_label":[{"id":"l1","name":"site_a","hosts":{"host":[{"id":"h1"}]}}]}""");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task CollectAsync_OvfUpdateEvents_TakesTheNewestUpdateAUserAskedForPerDomain()
    {
        // USER_UPDATE_OVF_STORE (199) twice for data_nfs; any other code (1086 is none of the engine's) says nothing about the OVF store.
        _engine.Set("vms?follow=disk_attachments.disk,nics", """{"vm":[]}""");
        _engine.Set("events?search=type%3D199", """
            {"event":[{"id":"7","code":"199","time":1700000000000,"storage_domain":{"id":"sd1"}},
                      {"id":"9","code":"199","time":1700000600000,"storage_domain":{"id":"sd1"}},
                      {"id":"12","code":"1086","time":1700001200000,"storage_domain":{"id":"sd1"}}]}
            """);

        var inventory = await Collect();

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000600000), inventory.StorageDomains.Single(d => d.Name == "data_nfs").LastRequestedOvfUpdate);
        Assert.Null(inventory.StorageDomains.Single(d => d.Name == "data_iscsi").LastRequestedOvfUpdate);
    }

    [Fact]
    public async Task CollectAsync_FullEngine_MapsEveryKindWithAttachedStatusAndVmDomains()
    {
        _engine.Set("vms?follow=disk_attachments.disk,nics", """
            {"vm":[{"id":"v1","name":"vm1","status":"up","host":{"id":"h1"},"cluster":{"id":"c1"},"template":{"id":"t1"},
              "high_availability":{"enabled":"true","priority":"50"},"lease":{"storage_domain":{"id":"sd1"}},"delete_protected":"false",
              "memory":"4294967296","cpu":{"topology":{"sockets":"1","cores":"2","threads":"1"}},
              "disk_attachments":{"disk_attachment":[{"id":"d1","disk":{"id":"d1","storage_domains":{"storage_domain":[{"id":"sd1"}]}}}]}},
             {"id":"v2","name":"vm2","status":"down","template":{"id":"00000000-0000-0000-0000-000000000000"}}]}
            """);

        var inventory = await Collect();

        Assert.Equal("4.7", Assert.Single(inventory.DataCenters).CompatibilityVersion);
        Assert.Equal("Prod", Assert.Single(inventory.Clusters).DataCenterName);
        var host1 = inventory.Hosts.Single(h => h.Name == "host1");
        Assert.True(host1.IsSpm);
        Assert.True(host1.PowerManagementEnabled);
        Assert.Equal(32, host1.Cpus);
        Assert.Equal("cluster_prod", host1.ClusterName);
        Assert.Equal("Prod", host1.DataCenterName);
        Assert.Equal("site_a", host1.SiteLabel);
        Assert.Equal("non_responsive", inventory.Hosts.Single(h => h.Name == "host2").Status);
        var nfs = inventory.StorageDomains.Single(d => d.Name == "data_nfs");
        Assert.Equal("active", nfs.Status);
        Assert.True(nfs.IsMaster);
        Assert.Equal("Prod", nfs.DataCenterName);
        Assert.Equal("/data1", nfs.Path);
        Assert.Equal("unattached", inventory.StorageDomains.Single(d => d.Name == "data_iscsi").Status);
        var vm1 = inventory.Vms.Single(v => v.Name == "vm1");
        Assert.Equal("host1", vm1.HostName);
        Assert.Equal("rhel9", vm1.TemplateName);
        Assert.True(vm1.HighlyAvailable);
        Assert.Equal(50, vm1.HaPriority);
        Assert.True(vm1.HasLease);
        Assert.Equal(["data_nfs"], vm1.StorageDomainNames);
        Assert.Equal("Blank", inventory.Vms.Single(v => v.Name == "vm2").TemplateName);
    }

    [Fact]
    public async Task CollectAsync_TemplatesAndNics_MapsEachTemplateDisksDomainsAndEachVmsOsAndNetworks()
    {
        _engine.Set("templates?follow=disk_attachments.disk", """
            {"template":[{"id":"00000000-0000-0000-0000-000000000000","name":"Blank"},
              {"id":"t1","name":"rhel9","disk_attachments":{"disk_attachment":[
                {"id":"td1","disk":{"id":"td1","storage_domains":{"storage_domain":[{"id":"sd1"},{"id":"sd2"}]}}},
                {"id":"td2","disk":{"id":"td2","storage_domains":{"storage_domain":[{"id":"sd2"}]}}}]}}]}
            """);
        _engine.Set("vnicprofiles", """{"vnic_profile":[{"id":"p1","name":"ovirtmgmt","network":{"id":"n1"}},{"id":"p2","name":"vm_prod","network":{"id":"n2"}}]}""");
        _engine.Set("networks", """{"network":[{"id":"n1","name":"ovirtmgmt"},{"id":"n2","name":"vm_prod"}]}""");
        _engine.Set("vms?follow=disk_attachments.disk,nics", """
            {"vm":[{"id":"v1","name":"win1","status":"up","os":{"type":"windows_2019x64"},
              "nics":{"nic":[{"id":"nic1","name":"nic1","vnic_profile":{"id":"p2"}},{"id":"nic2","name":"nic2","vnic_profile":{"id":"p1"}},{"id":"nic3","name":"nic3"}]}},
             {"id":"v2","name":"vm2","status":"down"}]}
            """);

        var inventory = await Collect();

        var template = Assert.Single(inventory.Templates);
        Assert.Equal("rhel9", template.Name);
        Assert.Equal([["data_iscsi", "data_nfs"], ["data_iscsi"]], template.DiskStorageDomainNames);
        var win1 = inventory.Vms.Single(v => v.Name == "win1");
        Assert.Equal("windows_2019x64", win1.OsType);
        Assert.Equal(["ovirtmgmt", "vm_prod"], win1.NetworkNames);
        Assert.Null(inventory.Vms.Single(v => v.Name == "vm2").NetworkNames);
    }

    [Fact]
    public async Task CollectAsync_EngineIgnoresFollow_MapsVmDomainsFromOneDisksCall()
    {
        _engine.Set("vms?follow=disk_attachments.disk,nics", """{"vm":[{"id":"v1","name":"vm1","status":"up"}]}""");
        _engine.Set("disks", """{"disk":[{"id":"d1","storage_domains":{"storage_domain":[{"id":"sd2"}]},"vms":{"vm":[{"id":"v1"}]}}]}""");

        var inventory = await Collect();

        Assert.Equal(["data_iscsi"], Assert.Single(inventory.Vms).StorageDomainNames);
        Assert.DoesNotContain(_engine.Requests, r => r.PathAndQuery.Contains("diskattachments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_TenThousandVms_UsesAFixedNumberOfCalls()
    {
        const string vmTemplate = """{"id":"vID","name":"vmID","status":"up","host":{"id":"h1"},"disk_attachments":{"disk_attachment":[{"disk":{"storage_domains":{"storage_domain":[{"id":"sd1"}]}}}]}}""";
        var vms = string.Join(",", Enumerable.Range(0, 10_000).Select(i => vmTemplate.Replace("ID", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        _engine.Set("vms?follow=disk_attachments.disk,nics", $$"""{"vm":[{{vmTemplate.Replace("ID", "0", StringComparison.Ordinal)}}]}""");
        await Collect();
        var callsForOneVm = _engine.Requests.Count;
        _engine.Requests.Clear();
        _engine.Set("vms?follow=disk_attachments.disk,nics", $$"""{"vm":[{{vms}}]}""");

        var inventory = await Collect();

        Assert.Equal(10_000, inventory.Vms.Count);
        Assert.Equal(callsForOneVm, _engine.Requests.Count);
    }

    private Task<RhvDr.Core.Sites.SiteInventory> Collect() =>
        new SiteInventoryCollector(new UnusedClientFactory(), TimeProvider.System).CollectAsync(new OvirtEngineClient(_http, _engine.Endpoint()), CancellationToken.None);

    private sealed class UnusedClientFactory : IEngineClientFactory
    {
        public Task<IEngineClient> GetClientAsync(string site, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The tests pass the client directly.");
    }
}
