using System.Net;
using RhvDr.Lab;
using RhvDr.Lab.Simulation;

namespace RhvDr.Tests.Lab;

public sealed class RecoveryFlowTests : OwnLabTests
{
    [Fact]
    public async Task ImportAttachActivateRegisterStart_AfterPromote_VmRunsAtRecovery()
    {
        // Arrange
        using var recovery = await LabTestClient.LoginAsync(Lab, "recovery");
        (await Control.PostAsync("lab/array/pairs/pair-scsi_domain/promote", null)).EnsureSuccessStatusCode();
        var dc = (await recovery.FindByNameAsync("datacenters", "data_center", "Recovery")).GetProperty("id").GetString();
        var host = (await recovery.FindByNameAsync("hosts", "host", "host-rec-02")).GetProperty("id").GetString();
        var inOvf = Lab.Simulation.Read("primary", e => e.StorageDomains[ScsiDomainId].OvfVms.Keys.ToHashSet());

        // Act: the ovirt-dr sequence for a block domain.
        await recovery.PostAsync($"hosts/{host}/iscsilogin", """{"iscsi":{"address":"10.20.1.20","port":"3260","target":"iqn.2017-07.com.recovery.redhat:444"}}""");
        var imported = await recovery.PostAsync("storagedomains",
            "{\"import\":\"true\",\"id\":\"" + ScsiDomainId + "\",\"name\":\"scsi_domain\",\"type\":\"data\",\"host\":{\"name\":\"host-rec-02\"},\"storage\":{\"type\":\"iscsi\"}}");
        await recovery.PostAsync($"datacenters/{dc}/storagedomains", $$"""{"id":"{{ScsiDomainId}}"}""");
        await recovery.PostAsync($"datacenters/{dc}/storagedomains/{ScsiDomainId}/deactivate", """{"force":"true"}""");
        await recovery.PostAsync($"datacenters/{dc}/storagedomains/{ScsiDomainId}/activate?correlation_id=flow-activate");
        var attached = await recovery.GetAsync($"datacenters/{dc}/storagedomains/{ScsiDomainId}");
        var unregistered = await recovery.ListAsync($"storagedomains/{ScsiDomainId}/vms?unregistered=true", "vm");
        var vmId = unregistered[0].GetProperty("id").GetString();
        var register = await recovery.PostAsync($"storagedomains/{ScsiDomainId}/vms/{vmId}/register",
            """
            {"cluster":{"name":"cluster_recovery"},"allow_partial_import":"true","reassign_bad_macs":"true",
             "registration_configuration":{"affinity_group_mappings":{"registration_affinity_group_mapping":[
               {"from":{"name":"primary_affinity"},"to":{"name":"secondary_affinity"}}]}}}
            """);
        var start = await recovery.PostAsync($"vms/{vmId}/start");
        var jobs = await recovery.ListAsync($"jobs?search={Uri.EscapeDataString("correlation_id=flow-activate")}", "job");

        // Assert
        Assert.Equal("unattached", imported.GetProperty("status").GetString());
        Assert.Equal("active", attached.GetProperty("status").GetString());
        Assert.Equal(inOvf.Order(), unregistered.Select(v => v.GetProperty("id").GetString()!).Order());
        Assert.Equal("complete", register.GetProperty("status").GetString());
        Assert.Equal("complete", start.GetProperty("status").GetString());
        Assert.Equal("finished", Assert.Single(jobs).GetProperty("status").GetString());
        await Poll.UntilAsync(async () => (await recovery.GetAsync($"vms/{vmId}")).GetProperty("status").GetString() == "up", "the registered VM is up");
        var vm = await recovery.GetAsync($"vms/{vmId}");
        Assert.Equal((await recovery.FindByNameAsync("clusters", "cluster", "cluster_recovery")).GetProperty("id").GetString(), vm.GetProperty("cluster").GetProperty("id").GetString());
        Assert.DoesNotContain(unregistered[0].GetProperty("id").GetString(),
            (await recovery.ListAsync($"storagedomains/{ScsiDomainId}/vms?unregistered=true", "vm")).Select(v => v.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ImportFileDomain_ReplicaNotPromoted_Returns409Fault()
    {
        // Arrange
        using var recovery = await LabTestClient.LoginAsync(Lab, "recovery");

        // Act
        var (status, body) = await recovery.SendAsync(HttpMethod.Post, "storagedomains",
            """{"name":"path2","type":"data","host":{"name":"host-rec-01"},"storage":{"type":"nfs","address":"10.20.1.10","path":"/export/path2"}}""");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Operation Failed", body.GetProperty("reason").GetString());
        Assert.Contains("read-only", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFileDomain_TestCopy_OnlyVmsFromLastOvfUpdateAreUnregistered()
    {
        // Arrange: a VM created after the last OVF update is missing from the replica, as in a real failover.
        using var recovery = await LabTestClient.LoginAsync(Lab, "recovery");
        (await Control.PostAsync("lab/array/pairs/pair-primary_master_storage/testcopy", null)).EnsureSuccessStatusCode();
        var (domainId, live, inOvf) = Lab.Simulation.Read("primary", primary =>
        {
            var domain = primary.StorageDomains.Values.Single(d => d.Name == "primary_master_storage");
            return (domain.Id, primary.Vms.Values.Count(v => v.StorageDomainIds.Contains(domain.Id)), domain.OvfVms.Count);
        });

        // Act
        await recovery.PostAsync("storagedomains",
            """{"name":"primary_master_storage","type":"data","host":{"name":"host-rec-01"},"storage":{"type":"nfs","address":"10.20.1.10","path":"/export/path1"}}""");
        var dc = (await recovery.FindByNameAsync("datacenters", "data_center", "Recovery")).GetProperty("id").GetString();
        await recovery.PostAsync($"datacenters/{dc}/storagedomains", """{"name":"primary_master_storage"}""");
        var unregistered = await recovery.ListAsync($"storagedomains/{domainId}/vms?unregistered=true", "vm");

        // Assert
        Assert.Equal(inOvf, unregistered.Count);
        Assert.True(inOvf < live, "the seeded estate has VMs created after the last OVF update");
    }

    [Fact]
    public async Task StartVm_DomainNotActive_Returns409()
    {
        // Arrange
        using var primary = await LabTestClient.LoginAsync(Lab, "primary");
        var down = (await primary.ListAsync($"vms?search={Uri.EscapeDataString("status=down")}", "vm"))[0];
        Lab.Simulation.Stage("primary", engine =>
        {
            var vm = engine.Vms[down.GetProperty("id").GetString()!];
            engine.StorageDomains[vm.StorageDomainIds.First()].Status = "maintenance";
        });

        // Act
        var (status, body) = await primary.SendAsync(HttpMethod.Post, $"vms/{down.GetProperty("id").GetString()}/start", "{}");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.StartsWith("[Cannot run VM.", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportBlockDomain_XmlWithLogicalUnits_NeedsNoSeparateLoginButRegistrationNeedsAttach()
    {
        // Arrange: the way SDK clients import, XML with the LUN's connection details.
        using var recovery = await LabTestClient.LoginAsync(Lab, "recovery");
        (await Control.PostAsync("lab/array/pairs/pair-scsi_domain2/promote", null)).EnsureSuccessStatusCode();
        var domainId = Lab.Simulation.ListPairs().Single(p => p.Id == "pair-scsi_domain2").DomainId;

        var xml = $"""
            <storage_domain id="{domainId}">
              <name>scsi_domain2</name><type>data</type><import>true</import>
              <host><name>host-rec-03</name></host>
              <storage><type>iscsi</type><logical_units><logical_unit id="lun1"><address>10.20.1.20</address><port>3260</port>
                <target>iqn.2017-07.com.recovery.redhat:445</target></logical_unit></logical_units></storage>
            </storage_domain>
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "storagedomains") { Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml") };

        // Act
        using var response = await recovery.Http.SendAsync(request);
        var vmId = (await recovery.ListAsync($"storagedomains/{domainId}/vms?unregistered=true", "vm")).Select(v => v.GetProperty("id").GetString()).FirstOrDefault();
        var anyOvfVm = Lab.Simulation.Read("primary", e => e.StorageDomains[domainId].OvfVms.Keys.First());

        var (status, fault) = await recovery.SendAsync(HttpMethod.Post, $"storagedomains/{domainId}/vms/{anyOvfVm}/register", """{"cluster":{"name":"cluster_recovery"}}""");

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(vmId);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("must be attached", fault.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
