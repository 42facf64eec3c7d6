using System.Text.Json;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Ovirt;

/// <summary>
/// VM lists (a full poll's biggest answer) are read by hand, not by the serializer; every VM must come out exactly as the
/// serializer reads it, whatever form the engine wrote it in, and bad values must be worded the same.
/// </summary>
public sealed class OvirtVmListTests
{
    // As the engine writes a VM with follow=disk_attachments.disk: numbers, booleans and dates as strings or epoch numbers,
    // links, and many fields the console does not keep.
    private const string EngineVm = """
        {"href":"/ovirt-engine/api/vms/v1","id":"v1","name":"web01","description":"","status":"up","type":"server",
         "memory":"4294967296","memory_policy":{"guaranteed":"4294967296","max":"17179869184","ballooning":"true"},
         "bios":{"boot_menu":{"enabled":"false"},"type":"cluster_default"},
         "cpu":{"architecture":"x86_64","name":"Skylake","topology":{"cores":"2","sockets":"2","threads":"1"}},
         "high_availability":{"enabled":"true","priority":"50"},"delete_protected":"false","stateless":"false",
         "display":{"type":"vnc","monitors":"1"},"sso":{"methods":{"method":[{"id":"guest_agent"}]}},
         "creation_time":1740565538399,"start_time":1793233538399,
         "cluster":{"href":"/ovirt-engine/api/clusters/c1","id":"c1"},"host":{"href":"/ovirt-engine/api/hosts/h1","id":"h1","name":"host1"},
         "template":{"href":"/ovirt-engine/api/templates/t1","id":"t1"},"original_template":{"href":"/ovirt-engine/api/templates/t1","id":"t1"},
         "lease":{"storage_domain":{"href":"/ovirt-engine/api/storagedomains/sd1","id":"sd1"}},
         "link":[{"href":"/ovirt-engine/api/vms/v1/nics","rel":"nics"},{"href":"/ovirt-engine/api/vms/v1/snapshots","rel":"snapshots"}],
         "disk_attachments":{"disk_attachment":[
           {"href":"/ovirt-engine/api/vms/v1/diskattachments/d1","id":"d1","active":"true","bootable":"true","interface":"virtio_scsi","pass_discard":"false",
            "disk":{"href":"/ovirt-engine/api/disks/d1","id":"d1","name":"web01_Disk1","alias":"web01_Disk1","provisioned_size":"32212254720",
              "actual_size":"14495514624","shareable":"false","status":"ok","storage_type":"image","format":"cow",
              "storage_domains":{"storage_domain":[{"href":"/ovirt-engine/api/storagedomains/sd1","id":"sd1"}]}},
            "vm":{"href":"/ovirt-engine/api/vms/v1","id":"v1"}},
           {"id":"d2","active":"true","bootable":"false","interface":"virtio_scsi",
            "disk":{"id":"d2","name":"web01_lun","storage_type":"lun","provisioned_size":"10737418240","status":"ok",
              "lun_storage":{"type":"iscsi","logical_units":{"logical_unit":[{"id":"3600140aa","address":"10.0.0.5","port":"3260","target":"iqn.2026-01.lab:t"}]}}},
            "vm":{"id":"v1"}}]},
         "nics":{"nic":[{"id":"n1","name":"nic1","vnic_profile":{"id":"p1"}}]}}
        """;

    public static TheoryData<string> Lists => new()
    {
        // The engine's own forms.
        "{\"vm\":[" + EngineVm + "," + EngineVm.Replace("\"v1\"", "\"v2\"", StringComparison.Ordinal) + "]}",
        // Real JSON booleans and numbers, a down VM without host or disks, an empty collection and nulls.
        """{"vm":[{"id":"v3","name":"db01","status":"down","memory":2147483648,"delete_protected":true,"high_availability":{"enabled":false,"priority":1},"host":null,"disk_attachments":{},"cpu":{"topology":{"sockets":4}}}]}""",
        // Forms only the serializer's leniency takes: other casing, 0/1 and yes/no booleans, ISO and quoted epoch dates, one disk written as an object.
        """{"vm":[{"ID":"v4","Name":"app01","status":"up","delete_protected":"yes","high_availability":{"enabled":1},"creation_time":"2026-01-05T10:00:00Z","start_time":"1793233538399"}]}""",
        """{"vm":[{"id":"v5","disk_attachments":{"disk_attachment":{"id":"d5","disk":{"id":"d5","storage_domains":{"storage_domain":[{"id":"sd2"}]}}}}}]}""",
        // A bare array, and an empty list.
        """[{"id":"v6","name":"bare","status":"up"}]""",
        "{}",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void VmList_ReadsEveryFieldAsTheSerializerDoes(string json)
    {
        var read = JsonSerializer.Deserialize<OvirtCollection<OvirtVm>>(json, OvirtJson.Options)!;

        Assert.Equal(Serialized(SerializerRead(json)), Serialized(read.Items));
    }

    [Fact]
    public void VmList_EngineForms_GiveTheConsoleItsFields()
    {
        var vm = Assert.Single(JsonSerializer.Deserialize<OvirtCollection<OvirtVm>>("{\"vm\":[" + EngineVm + "]}", OvirtJson.Options)!);

        Assert.Equal(("v1", "web01", VmStatus.Up), (vm.Id, vm.Name, vm.StatusValue));
        Assert.Equal(("h1", "host1", "c1", "t1"), (vm.Host?.Id, vm.Host?.Name, vm.Cluster?.Id, vm.Template?.Id));
        Assert.Equal((true, 50, false, 4294967296L), (vm.HighAvailability?.Enabled, vm.HighAvailability?.Priority, vm.DeleteProtected, vm.Memory));
        Assert.Equal((2, 2, 1), (vm.Cpu?.Topology?.Sockets, vm.Cpu?.Topology?.Cores, vm.Cpu?.Topology?.Threads));
        Assert.Equal("sd1", vm.Lease?.StorageDomain?.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1740565538399), vm.CreationTime);
        Assert.Equal(["d1", "d2"], vm.DiskAttachments!.Select(a => a.Disk!.Id));
        Assert.Equal("sd1", Assert.Single(vm.DiskAttachments![0].Disk!.StorageDomains!).Id);
        Assert.Equal("3600140aa", Assert.Single(vm.DiskAttachments![1].Disk!.LunStorage!.LogicalUnits!).Id);
        Assert.Equal("p1", Assert.Single(vm.Nics!).VnicProfile?.Id);
    }

    [Fact]
    public void VmList_BadValue_IsReportedWhereItIs()
    {
        const string json = """{"vm":[{"id":"v1","memory":"4294967296"},{"id":"v2","memory":"lots"}]}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OvirtCollection<OvirtVm>>(json, OvirtJson.Options));

        Assert.Equal("$.vm[1].memory", error.Path);
    }

    private static List<OvirtVm> SerializerRead(string json)
    {
        using var document = JsonDocument.Parse(json);
        var list = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.EnumerateObject().Select(p => p.Value).FirstOrDefault();
        return list.ValueKind switch
        {
            JsonValueKind.Array => list.Deserialize<List<OvirtVm>>(OvirtJson.Options)!,
            JsonValueKind.Object => [list.Deserialize<OvirtVm>(OvirtJson.Options)!],
            _ => [],
        };
    }

    private static string Serialized(IReadOnlyList<OvirtVm> vms) => JsonSerializer.Serialize(vms, OvirtJson.Options);
}
