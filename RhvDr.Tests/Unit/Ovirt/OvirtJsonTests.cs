using System.Text.Json;
using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Ovirt;

public sealed class OvirtJsonTests
{
    [Fact]
    public void Deserialize_StringBooleansAndNumbers_ReadsTypedValues()
    {
        const string json = """
            {"storage_domain":[{"id":"sd1","name":"data1","type":"data","master":"true","available":"1073741824",
              "used":"2147483648","committed":"0","storage":{"type":"nfs","address":"nfs.example","path":"/exports/data1"},
              "data_centers":{"data_center":[{"id":"dc1"}]}}]}
            """;

        var domain = Assert.Single(JsonSerializer.Deserialize<OvirtCollection<OvirtStorageDomain>>(json, OvirtJson.Options)!);

        Assert.True(domain.Master);
        Assert.Equal(1073741824L, domain.Available);
        Assert.Equal(2147483648L, domain.Used);
        Assert.Equal("/exports/data1", domain.Storage?.Path);
        Assert.Equal("dc1", Assert.Single(domain.DataCenters!).Id);
    }

    [Fact]
    public void Deserialize_RealBooleansAndNumbers_ReadsTypedValues()
    {
        const string json = """{"id":"v1","name":"vm1","status":"up","delete_protected":false,"memory":4294967296,"high_availability":{"enabled":true,"priority":50}}""";

        var vm = JsonSerializer.Deserialize<OvirtVm>(json, OvirtJson.Options)!;

        Assert.False(vm.DeleteProtected);
        Assert.Equal(4294967296L, vm.Memory);
        Assert.True(vm.HighAvailability?.Enabled);
        Assert.Equal(50, vm.HighAvailability?.Priority);
    }

    [Fact]
    public void Deserialize_EpochMillisecondDates_ReadsUtcTime()
    {
        const string json = """{"event":[{"id":"41","code":"9","time":1700000000000,"host":{"id":"h1"}},{"id":"42","time":"1700000001000"}]}""";

        var events = JsonSerializer.Deserialize<OvirtCollection<OvirtEvent>>(json, OvirtJson.Options)!;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), events[0].Time);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000001000), events[1].Time);
        Assert.Equal(42, events[1].Id);
        Assert.Equal(9, events[0].Code);
    }

    [Fact]
    public void Deserialize_MissingFields_LeavesNulls()
    {
        var host = JsonSerializer.Deserialize<OvirtHost>("""{"id":"h1"}""", OvirtJson.Options)!;

        Assert.Equal("h1", host.Id);
        Assert.Null(host.Status);
        Assert.Null(host.Spm);
        Assert.Null(host.Memory);
    }

    [Fact]
    public void Deserialize_EmptyCollectionObject_IsEmpty()
    {
        var vms = JsonSerializer.Deserialize<OvirtCollection<OvirtVm>>("{}", OvirtJson.Options)!;

        Assert.Empty(vms);
    }

    [Fact]
    public void Deserialize_ClusterVersion_GivesCompatibilityString()
    {
        var cluster = JsonSerializer.Deserialize<OvirtCluster>("""{"id":"c1","version":{"major":"4","minor":"7"}}""", OvirtJson.Options)!;

        Assert.Equal("4.7", cluster.Version?.Compatibility);
    }
}
