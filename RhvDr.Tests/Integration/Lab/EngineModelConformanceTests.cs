using System.Xml.Linq;

namespace RhvDr.Tests.Lab;

/// <summary>
/// Every element and attribute name in the lab's XML answers is one the oVirt API model gives that type, so a client
/// generated from the model (the SDK the DR role uses) reads every field the lab sends.
/// </summary>
public sealed class EngineModelConformanceTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    [Fact]
    public void Violations_NamesOutsideTheModel_AreEachReported()
    {
        // Arrange
        var vm = XElement.Parse("""
            <vm id="1" colour="red"><name>a</name><flavour>x</flavour>
              <memory_policy><ballooning>true</ballooning><balloon>true</balloon></memory_policy>
              <link rel="snapshots" href="/s"/><link rel="gadgets" href="/g"/>
              <disk_attachments><disk_attachment id="2"><interface>virtio</interface></disk_attachment><disk id="3"/></disk_attachments>
            </vm>
            """);

        // Act
        var violations = ApiModelTable.Instance.Violations(vm, "Vm", "vm").ToList();

        // Assert
        Assert.Equal(5, violations.Count);
        Assert.Contains(violations, v => v.Contains("'colour'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'flavour'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'balloon'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'gadgets'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("vm/disk_attachments/disk:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vms?max=5", "Vm")]
    [InlineData("vms?max=3&follow=disk_attachments.disk,nics", "Vm")]
    [InlineData("vms?max=3&follow=cluster.data_center,template,nics.vnic_profile", "Vm")]
    [InlineData("templates?follow=cluster", "Template")]
    [InlineData("templates?follow=disk_attachments.disk", "Template")]
    [InlineData("vms/{vm}", "Vm")]
    [InlineData("vms/{vm}/snapshots", "Snapshot")]
    [InlineData("vms/{vm}/numanodes", "VirtualNumaNode")]
    [InlineData("vms/{vm}/diskattachments", "DiskAttachment")]
    [InlineData("vms/{vm}/nics", "Nic")]
    [InlineData("templates", "Template")]
    [InlineData("storagedomains", "StorageDomain")]
    [InlineData("storagedomains/{sd}/vms?max=5", "Vm")]
    [InlineData("datacenters/{dc}/storagedomains", "StorageDomain")]
    [InlineData("clusters", "Cluster")]
    [InlineData("clusters/{cluster}/affinitygroups", "AffinityGroup")]
    [InlineData("datacenters", "DataCenter")]
    [InlineData("datacenters/{dc}/clusters", "Cluster")]
    [InlineData("datacenters/{dc}/clusters/{cluster}/affinitygroups", "AffinityGroup")]
    [InlineData("hosts", "Host")]
    [InlineData("disks", "Disk")]
    [InlineData("networks", "Network")]
    [InlineData("vnicprofiles", "VnicProfile")]
    [InlineData("affinitylabels", "AffinityLabel")]
    [InlineData("events?max=20", "Event")]
    [InlineData("jobs", "Job")]
    public async Task GetXml_AnyEndpoint_UsesOnlyNamesOfTheApiModel(string path, string type)
    {
        // Arrange
        var model = ApiModelTable.Instance;
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        using var http = client.CreateXmlClient();
        var dc = (await client.FindByNameAsync("datacenters", "data_center", "Prod")).GetProperty("id").GetString()!;
        var cluster = (await client.ListAsync($"datacenters/{dc}/clusters", "cluster"))[0].GetProperty("id").GetString()!;
        var vm = (await client.ListAsync("vms?max=1", "vm"))[0].GetProperty("id").GetString()!;
        var sd = (await client.FindByNameAsync("storagedomains", "storage_domain", "primary_master_storage")).GetProperty("id").GetString()!;
        var resolved = path.Replace("{dc}", dc, StringComparison.Ordinal).Replace("{cluster}", cluster, StringComparison.Ordinal)
            .Replace("{vm}", vm, StringComparison.Ordinal).Replace("{sd}", sd, StringComparison.Ordinal);

        // Act
        var root = XDocument.Parse(await http.GetStringAsync(resolved)).Root!;

        // Assert
        var element = model.ElementName(type);
        var items = path.EndsWith("{vm}", StringComparison.Ordinal) ? [root] : root.Elements().ToList();
        if (!path.EndsWith("{vm}", StringComparison.Ordinal))
        {
            Assert.Equal(element + "s", root.Name.LocalName);
        }

        var violations = items.SelectMany(item => item.Name.LocalName == element
            ? model.Violations(item, type, item.Name.LocalName)
            : [$"{root.Name.LocalName}: item '{item.Name.LocalName}' is not the model's {element}"]).Distinct().ToList();
        Assert.True(violations.Count == 0, $"GET {path}:\n" + string.Join('\n', violations));
    }
}
