using System.Text.Json;

namespace RhvDr.Tests.Lab;

public sealed class EngineJsonShapeTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    [Fact]
    public async Task GetVms_Json_CollectionKeyedByItemWithStringScalars()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        // Act
        var vms = await client.GetAsync("vms");

        // Assert
        var items = vms.GetProperty("vm").EnumerateArray().ToList();
        Assert.Equal(120, items.Count);
        var vm = items[0];
        Assert.Equal(JsonValueKind.String, vm.GetProperty("high_availability").GetProperty("enabled").ValueKind);
        Assert.Contains(vm.GetProperty("delete_protected").GetString(), new[] { "true", "false" });
        Assert.True(long.TryParse(vm.GetProperty("memory").GetString(), out _));
        Assert.Equal(JsonValueKind.Number, vm.GetProperty("creation_time").ValueKind);
        Assert.StartsWith("/ovirt-engine/api/clusters/", vm.GetProperty("cluster").GetProperty("href").GetString(), StringComparison.Ordinal);
        Assert.Contains(items, v => v.GetProperty("high_availability").GetProperty("enabled").GetString() == "true");
        Assert.Contains(items, v => v.TryGetProperty("lease", out _));
        Assert.Contains(items, v => v.GetProperty("status").GetString() == "down");
    }

    [Fact]
    public async Task GetTemplates_FollowDisks_EachDiskCopiedToTheDomainsOfItsVms()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var template = await client.FindByNameAsync("templates", "template", "win2019-base");
        var id = template.GetProperty("id").GetString()!;
        var vms = await client.ListAsync($"vms?search={Uri.EscapeDataString("template=win2019-base")}&follow=disk_attachments.disk", "vm");
        var vmDomains = vms.SelectMany(v => v.GetProperty("disk_attachments").GetProperty("disk_attachment").EnumerateArray())
            .Where(a => a.GetProperty("disk").TryGetProperty("storage_domains", out _))
            .SelectMany(a => a.GetProperty("disk").GetProperty("storage_domains").GetProperty("storage_domain").EnumerateArray())
            .Select(d => d.GetProperty("id").GetString()!).ToHashSet();

        // Act
        var followed = (await client.ListAsync($"templates?search={Uri.EscapeDataString("name=win2019-base")}&follow=disk_attachments.disk", "template")).Single();
        var attachments = await client.ListAsync($"templates/{id}/diskattachments", "disk_attachment");

        // Assert
        var attachment = Assert.Single(followed.GetProperty("disk_attachments").GetProperty("disk_attachment").EnumerateArray());
        Assert.Equal(id, attachment.GetProperty("template").GetProperty("id").GetString());
        var copies = attachment.GetProperty("disk").GetProperty("storage_domains").GetProperty("storage_domain").EnumerateArray()
            .Select(d => d.GetProperty("id").GetString()!).ToHashSet();
        Assert.NotEmpty(vmDomains);
        Assert.Superset(vmDomains, copies);
        Assert.Equal(attachment.GetProperty("id").GetString(), Assert.Single(attachments).GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetStorageDomains_Json_NestedListsAndNoStatusWhenAttached()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");

        // Act
        var master = await client.FindByNameAsync("storagedomains", "storage_domain", "primary_master_storage");
        var scsi = await client.GetAsync("storagedomains/aa92cc71-1b88-4998-a755-970ef8a638ea");

        // Assert
        Assert.Equal("true", master.GetProperty("master").GetString());
        Assert.Equal("nfs", master.GetProperty("storage").GetProperty("type").GetString());
        Assert.Equal("/export/path1", master.GetProperty("storage").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Array, master.GetProperty("data_centers").GetProperty("data_center").ValueKind);
        Assert.False(master.TryGetProperty("status", out _));
        Assert.Equal("scsi_domain", scsi.GetProperty("name").GetString());
        Assert.Equal("iscsi", scsi.GetProperty("storage").GetProperty("type").GetString());
        Assert.True(long.Parse(scsi.GetProperty("available").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task GetDataCenterStorageDomains_Attached_ReportsStatus()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var dc = await client.FindByNameAsync("datacenters", "data_center", "Prod");

        // Act
        var domains = await client.ListAsync($"datacenters/{dc.GetProperty("id").GetString()}/storagedomains", "storage_domain");

        // Assert
        Assert.Equal(6, domains.Count);
        Assert.All(domains, d => Assert.Equal("active", d.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task GetHosts_Json_OneSpmAndPowerManagementOnMost()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "recovery");

        // Act
        var hosts = await client.ListAsync("hosts", "host");

        // Assert
        Assert.Single(hosts, h => h.GetProperty("spm").GetProperty("status").GetString() == "spm");
        var withPm = hosts.Count(h => h.GetProperty("power_management").GetProperty("enabled").GetString() == "true");
        Assert.InRange(withPm, 1, hosts.Count - 1);
        Assert.All(hosts, h => Assert.StartsWith("host-rec-", h.GetProperty("name").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetVmDiskAttachments_FollowDisk_NamesStorageDomain()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "primary");
        var vm = (await client.ListAsync("vms?max=1", "vm"))[0];

        // Act
        var attachments = await client.ListAsync($"vms/{vm.GetProperty("id").GetString()}/diskattachments?follow=disk", "disk_attachment");

        // Assert
        var disk = attachments[0].GetProperty("disk");
        Assert.Single(disk.GetProperty("storage_domains").GetProperty("storage_domain").EnumerateArray());
    }

    [Fact]
    public async Task GetInventory_AllDesignCollections_Answer()
    {
        // Arrange
        using var client = await LabTestClient.LoginAsync(fixture.Lab, "recovery");
        var cluster = await client.FindByNameAsync("clusters", "cluster", "cluster_recovery");

        // Act
        var groups = await client.ListAsync($"clusters/{cluster.GetProperty("id").GetString()}/affinitygroups", "affinity_group");
        var labels = await client.ListAsync("affinitylabels", "affinity_label");
        var profiles = await client.ListAsync("vnicprofiles", "vnic_profile");
        var templates = await client.ListAsync("templates", "template");
        var networks = await client.ListAsync("networks", "network");

        // Assert
        Assert.Equal("4", cluster.GetProperty("version").GetProperty("major").GetString());
        Assert.Equal("7", cluster.GetProperty("version").GetProperty("minor").GetString());
        Assert.Contains(groups, g => g.GetProperty("name").GetString() == "secondary_affinity");
        Assert.Contains(labels, l => l.GetProperty("name").GetString() == "label_recovery");
        Assert.Contains(profiles, p => p.GetProperty("name").GetString() == "dr_test_isolated");
        Assert.Contains(templates, t => t.GetProperty("name").GetString() == "Blank");
        Assert.Contains(networks, n => n.GetProperty("name").GetString() == "ovirtmgmt");
    }
}
