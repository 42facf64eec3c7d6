using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace RhvDr.Tests.Lab;

/// <summary>Answers the oVirt tooling (the SDK, the DR role) expects from an engine, read from a shared lab over real HTTP.</summary>
public sealed class EngineModelGapTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private async Task<HttpClient> XmlClientAsync()
    {
        using var json = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        return json.CreateXmlClient();
    }

    private static async Task<XElement> GetXmlAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Root!;
    }

    [Fact]
    public async Task GetDataCenterClusterAffinityGroups_Xml_SameAsClusterService()
    {
        // Arrange
        using var http = await XmlClientAsync();
        var dc = (await GetXmlAsync(http, "datacenters?search=name%3DProd")).Element("data_center")!;
        var dcId = (string)dc.Attribute("id")!;
        var clusterIds = (await GetXmlAsync(http, $"datacenters/{dcId}/clusters")).Elements("cluster").Select(c => (string)c.Attribute("id")!).ToList();

        // Act
        var answers = new List<(string Id, XElement ViaDataCenter, XElement Direct, XElement Single)>();
        foreach (var id in clusterIds)
        {
            answers.Add((id,
                await GetXmlAsync(http, $"datacenters/{dcId}/clusters/{id}/affinitygroups"),
                await GetXmlAsync(http, $"clusters/{id}/affinitygroups"),
                await GetXmlAsync(http, $"datacenters/{dcId}/clusters/{id}")));
        }

        // Assert
        Assert.NotEmpty(answers);
        Assert.All(answers, a =>
        {
            Assert.Equal("affinity_groups", a.ViaDataCenter.Name.LocalName);
            Assert.Equal(a.Direct.ToString(), a.ViaDataCenter.ToString());
            Assert.Equal(a.Id, (string?)a.Single.Attribute("id"));
        });
        Assert.Contains("primary_affinity", answers.SelectMany(a => a.ViaDataCenter.Elements("affinity_group")).Select(g => g.Element("name")!.Value));
    }

    [Fact]
    public async Task GetDataCenterCluster_OtherDataCenter_Returns404Fault()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var dc = (await client.FindByNameAsync("datacenters", "data_center", "Prod")).GetProperty("id").GetString();

        // Act
        var (status, body) = await client.SendAsync(HttpMethod.Get, $"datacenters/{dc}/clusters/00000000-1111-2222-3333-444444444444/affinitygroups");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Operation Failed", body.GetProperty("reason").GetString());
        Assert.Contains("cluster", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVmSnapshots_JsonAndXml_ListActiveVmSnapshot()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        using var http = await XmlClientAsync();
        var vmId = (await client.ListAsync("vms?max=1", "vm"))[0].GetProperty("id").GetString();

        // Act
        var json = Assert.Single(await client.ListAsync($"vms/{vmId}/snapshots", "snapshot"));
        var xml = await GetXmlAsync(http, $"vms/{vmId}/snapshots");
        var snapshotId = json.GetProperty("id").GetString();
        var single = await client.GetAsync($"vms/{vmId}/snapshots/{snapshotId}");
        var again = Assert.Single(await client.ListAsync($"vms/{vmId}/snapshots", "snapshot"));

        // Assert
        Assert.Equal("Active VM", json.GetProperty("description").GetString());
        Assert.Equal("active", json.GetProperty("snapshot_type").GetString());
        Assert.Equal("ok", json.GetProperty("snapshot_status").GetString());
        Assert.True(json.GetProperty("date").GetInt64() > 0);
        Assert.Equal(vmId, json.GetProperty("vm").GetProperty("id").GetString());
        Assert.Equal(snapshotId, single.GetProperty("id").GetString());
        Assert.Equal(snapshotId, again.GetProperty("id").GetString());
        Assert.Equal("snapshots", xml.Name.LocalName);
        var snapshot = Assert.Single(xml.Elements("snapshot"));
        Assert.Equal(snapshotId, (string?)snapshot.Attribute("id"));
        Assert.Equal("active", snapshot.Element("snapshot_type")!.Value);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT", snapshot.Element("date")!.Value);
    }

    [Fact]
    public async Task GetVmNumaNodes_JsonAndXml_EmptyCollection()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        using var http = await XmlClientAsync();
        var vmId = (await client.ListAsync("vms?max=1", "vm"))[0].GetProperty("id").GetString();

        // Act
        var json = await client.GetAsync($"vms/{vmId}/numanodes");
        var xml = await GetXmlAsync(http, $"vms/{vmId}/numanodes");

        // Assert
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.Empty(json.EnumerateObject());
        Assert.Equal("vm_numa_nodes", xml.Name.LocalName);
        Assert.False(xml.HasElements);
    }

    [Fact]
    public async Task GetVmAndTemplate_Json_MemoryPolicyHasGuaranteedMaxBallooning()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        // Act
        var vm = (await client.ListAsync("vms?max=1", "vm"))[0];
        var template = (await client.ListAsync("templates", "template"))[0];

        // Assert
        foreach (var entity in new[] { vm, template })
        {
            var policy = entity.GetProperty("memory_policy");
            Assert.Equal(entity.GetProperty("memory").GetString(), policy.GetProperty("guaranteed").GetString());
            Assert.True(long.Parse(policy.GetProperty("max").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(entity.GetProperty("memory").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("true", policy.GetProperty("ballooning").GetString());
        }
    }

    [Fact]
    public async Task GetVmAndTemplate_JsonAndXml_BiosWithBootMenu()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        using var xml = await XmlClientAsync();

        // Act
        var vm = (await client.ListAsync("vms?max=1", "vm"))[0];
        var template = (await client.ListAsync("templates", "template"))[0];
        var templateXml = await GetXmlAsync(xml, $"templates/{template.GetProperty("id").GetString()}");

        // Assert: what the Ansible modules read of every template they register
        foreach (var entity in new[] { vm, template })
        {
            var bios = entity.GetProperty("bios");
            Assert.Equal("false", bios.GetProperty("boot_menu").GetProperty("enabled").GetString());
            Assert.Equal("cluster_default", bios.GetProperty("type").GetString());
        }
        Assert.Equal("false", templateXml.Element("bios")?.Element("boot_menu")?.Element("enabled")?.Value);
    }

    [Fact]
    public async Task UnsupportedRequests_JsonAndXml_AnswerEngineFault()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        using var http = await XmlClientAsync();
        var vmId = (await client.ListAsync("vms?max=1", "vm"))[0].GetProperty("id").GetString();

        // Act
        var (getStatus, getBody) = await client.SendAsync(HttpMethod.Get, $"vms/{vmId}/cdroms");
        var (postStatus, postBody) = await client.SendAsync(HttpMethod.Post, $"vms/{vmId}/previewsnapshot", "{}");
        var (putStatus, putBody) = await client.SendAsync(HttpMethod.Put, $"vms/{vmId}", "{}");
        using var xmlResponse = await http.GetAsync("quotas");
        var xml = XDocument.Parse(await xmlResponse.Content.ReadAsStringAsync()).Root!;

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, getStatus);
        Assert.Contains("cdroms", getBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, postStatus);
        Assert.Contains("previewsnapshot", postBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, putStatus);
        Assert.False(string.IsNullOrEmpty(putBody.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, xmlResponse.StatusCode);
        Assert.Equal("fault", xml.Name.LocalName);
        Assert.False(string.IsNullOrEmpty(xml.Element("reason")?.Value));
        Assert.Contains("quotas", xml.Element("detail")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVm_FollowDiskAttachmentsAndNics_InlinesBothCollections()
    {
        // Arrange
        using var http = await XmlClientAsync();
        var id = (string)(await GetXmlAsync(http, "vms?max=1")).Element("vm")!.Attribute("id")!;
        var nics = (await GetXmlAsync(http, $"vms/{id}/nics")).Elements("nic").Select(n => (string)n.Attribute("id")!).ToList();
        var attachments = (await GetXmlAsync(http, $"vms/{id}/diskattachments")).Elements("disk_attachment").Select(a => (string)a.Attribute("id")!).ToList();

        // Act
        var vm = await GetXmlAsync(http, $"vms/{id}?follow=disk_attachments,nics");

        // Assert
        Assert.NotEmpty(nics);
        Assert.Equal(nics, vm.Element("nics")!.Elements("nic").Select(n => (string)n.Attribute("id")!));
        Assert.NotEmpty(attachments);
        Assert.Equal(attachments, vm.Element("disk_attachments")!.Elements("disk_attachment").Select(a => (string)a.Attribute("id")!));
        Assert.Contains(vm.Elements("link"), l => (string?)l.Attribute("rel") == "nics");
    }

    [Fact]
    public async Task ListVms_FollowClusterAndTemplate_InlinesTheReferencedResources()
    {
        // Arrange
        using var http = await XmlClientAsync();
        var clusters = (await GetXmlAsync(http, "clusters")).Elements("cluster").ToDictionary(c => (string)c.Attribute("id")!, c => c.Element("name")!.Value);

        // Act
        var vms = (await GetXmlAsync(http, "vms?max=5&follow=cluster,template")).Elements("vm").ToList();

        // Assert
        Assert.Equal(5, vms.Count);
        Assert.All(vms, vm =>
        {
            var cluster = vm.Element("cluster")!;
            Assert.Equal(clusters[(string)cluster.Attribute("id")!], cluster.Element("name")?.Value);
            Assert.NotNull(vm.Element("template")!.Element("name"));
        });
    }

    [Fact]
    public async Task GetVm_FollowNestedPath_InlinesEachLevel()
    {
        // Arrange
        using var http = await XmlClientAsync();
        var id = (string)(await GetXmlAsync(http, "vms?max=1")).Element("vm")!.Attribute("id")!;

        // Act
        var vm = await GetXmlAsync(http, $"vms/{id}?follow=nics.vnic_profile,cluster.data_center");

        // Assert
        var profiles = vm.Element("nics")!.Elements("nic").Select(n => n.Element("vnic_profile")!).ToList();
        Assert.NotEmpty(profiles);
        Assert.All(profiles, p => Assert.NotNull(p.Element("name")));
        Assert.Equal("Prod", vm.Element("cluster")!.Element("data_center")!.Element("name")?.Value);
    }

    [Fact]
    public async Task GetVm_FollowUnknownLink_AnswersBadRequestFault()
    {
        // Arrange
        using var http = await XmlClientAsync();
        var id = (string)(await GetXmlAsync(http, "vms?max=1")).Element("vm")!.Attribute("id")!;

        // Act
        using var response = await http.GetAsync($"vms/{id}?follow=gadgets");
        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("fault", fault.Name.LocalName);
        Assert.Contains("'gadgets'", fault.Element("detail")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVmAndTemplate_Xml_CarryWhatTheAnsibleModulesCompare()
    {
        // Arrange
        using var http = await XmlClientAsync();
        var vmId = (string)(await GetXmlAsync(http, "vms?max=1")).Element("vm")!.Attribute("id")!;
        var templateId = (string)(await GetXmlAsync(http, "templates")).Element("template")!.Attribute("id")!;

        // Act
        var vm = await GetXmlAsync(http, $"vms/{vmId}");
        var template = await GetXmlAsync(http, $"templates/{templateId}");

        // Assert: ovirt_template's and ovirt_vm's update checks read each of these without a guard
        foreach (var entity in new[] { vm, template })
        {
            Assert.Equal("guest_agent", (string?)entity.Element("sso")?.Element("methods")?.Element("method")?.Attribute("id"));
            Assert.Equal("false", entity.Element("usb")?.Element("enabled")?.Value);
            Assert.Equal("false", entity.Element("soundcard_enabled")?.Value);
            Assert.NotNull(entity.Element("io")?.Element("threads"));
            Assert.NotNull(entity.Element("time_zone")?.Element("name"));
            Assert.NotNull(entity.Element("display")?.Element("smartcard_enabled"));
        }
        Assert.Equal("false", vm.Element("next_run_configuration_exists")?.Value);
    }

    [Fact]
    public async Task ListDisks_DirectLunDisk_LogicalUnitSaysWhereTheHostsLogIn()
    {
        // Arrange
        using var http = await XmlClientAsync();

        // Act
        var disks = (await GetXmlAsync(http, "disks")).Elements("disk").ToList();

        // Assert: what the DR role's generate_mapping.py writes into dr_lun_mappings for each direct LUN
        var units = disks.Select(d => d.Element("lun_storage")?.Element("logical_units")?.Element("logical_unit")).OfType<XElement>().ToList();
        Assert.NotEmpty(units);
        Assert.All(units, unit =>
        {
            Assert.False(string.IsNullOrEmpty(unit.Element("address")?.Value));
            Assert.Equal("3260", unit.Element("port")?.Value);
            Assert.StartsWith("iqn.", unit.Element("target")?.Value, StringComparison.Ordinal);
        });
    }
}
