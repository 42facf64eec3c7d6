using System.Net;
using System.Text;
using System.Xml.Linq;
using RhvDr.Lab;

namespace RhvDr.Tests.Lab;

/// <summary>Answers the DR role relies on while it recovers: LUN refresh and the OVF status of unregistered VMs. Each test has its own lab.</summary>
public sealed class EngineRecoveryAnswersTests : OwnLabTests
{
    [Fact]
    public async Task RefreshLuns_BlockDomainJsonAndXml_CompletesAsAction()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        using var xml = client.CreateXmlClient();
        var lun = (await client.GetAsync($"storagedomains/{ScsiDomainId}")).GetProperty("storage").GetProperty("volume_group")
            .GetProperty("logical_units").GetProperty("logical_unit")[0].GetProperty("id").GetString();

        // Act
        var empty = await client.PostAsync($"storagedomains/{ScsiDomainId}/refreshluns");
        var withLuns = await client.PostAsync($"storagedomains/{ScsiDomainId}/refreshluns", $$$"""{"logical_units":{"logical_unit":[{"id":"{{{lun}}}"}]}}""");
        using var xmlResponse = await xml.PostAsync($"storagedomains/{ScsiDomainId}/refreshluns",
            new StringContent($"<action><logical_units><logical_unit id=\"{lun}\"/></logical_units></action>", Encoding.UTF8, "application/xml"));
        var xmlAction = XDocument.Parse(await xmlResponse.Content.ReadAsStringAsync()).Root!;

        // Assert
        Assert.Equal("complete", empty.GetProperty("status").GetString());
        Assert.Equal("complete", withLuns.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, xmlResponse.StatusCode);
        Assert.Equal("action", xmlAction.Name.LocalName);
        Assert.Equal("complete", xmlAction.Element("status")!.Value);
        var jobId = withLuns.GetProperty("job").GetProperty("id").GetString();
        Assert.Equal("finished", (await client.GetAsync($"jobs/{jobId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RefreshLuns_FileDomain_Returns409Fault()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(Lab, "primary");
        var nfs = (await client.FindByNameAsync("storagedomains", "storage_domain", "primary_master_storage")).GetProperty("id").GetString();

        // Act
        var (status, body) = await client.SendAsync(HttpMethod.Post, $"storagedomains/{nfs}/refreshluns", "{}");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Operation Failed", body.GetProperty("reason").GetString());
        Assert.Contains("not a block storage domain", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnregisteredVms_FromReplica_ReportStatusWrittenToOvf()
    {
        // Arrange: the primary's OVF store was written while most of its VMs ran.
        using var recovery = await LabTestClient.LoginAsync(Lab, "recovery");
        (await Control.PostAsync("lab/array/pairs/pair-primary_master_storage/testcopy", null)).EnsureSuccessStatusCode();
        var (domainId, statusAtOvf) = Lab.Simulation.Read("primary", primary =>
        {
            var domain = primary.StorageDomains.Values.Single(d => d.Name == "primary_master_storage");
            return (domain.Id, domain.OvfVms.Keys.ToDictionary(id => id, id => primary.Vms[id].Status, StringComparer.Ordinal));
        });

        await recovery.PostAsync("storagedomains",
            """{"name":"primary_master_storage","type":"data","host":{"name":"host-rec-01"},"storage":{"type":"nfs","address":"10.20.1.10","path":"/export/path1"}}""");
        var dc = (await recovery.FindByNameAsync("datacenters", "data_center", "Recovery")).GetProperty("id").GetString();
        await recovery.PostAsync($"datacenters/{dc}/storagedomains", """{"name":"primary_master_storage"}""");

        // Act
        var unregistered = await recovery.ListAsync($"storagedomains/{domainId}/vms?unregistered=true", "vm");
        using var xml = new HttpClient { BaseAddress = recovery.Http.BaseAddress };
        xml.DefaultRequestHeaders.Authorization = recovery.Http.DefaultRequestHeaders.Authorization;
        var xmlVms = XDocument.Parse(await xml.GetStringAsync($"storagedomains/{domainId}/vms?unregistered=true")).Root!.Elements("vm")
            .ToDictionary(v => (string)v.Attribute("id")!, v => v.Element("status")!.Value, StringComparer.Ordinal);
        var upVm = unregistered.First(v => v.GetProperty("status").GetString() == "up").GetProperty("id").GetString()!;
        await recovery.PostAsync($"storagedomains/{domainId}/vms/{upVm}/register", """{"cluster":{"name":"cluster_recovery"},"allow_partial_import":"true"}""");
        var registered = await recovery.GetAsync($"vms/{upVm}");

        // Assert
        Assert.Equal(statusAtOvf.Count, unregistered.Count);
        Assert.All(unregistered, v => Assert.Equal(statusAtOvf[v.GetProperty("id").GetString()!], v.GetProperty("status").GetString()));
        Assert.Contains("down", unregistered.Select(v => v.GetProperty("status").GetString()));
        Assert.Equal(statusAtOvf.OrderBy(p => p.Key, StringComparer.Ordinal), xmlVms.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal("down", registered.GetProperty("status").GetString());
    }
}
