using RhvDr.Lab;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

/// <summary>What a promoted replica holds decides what a failover can register: all of it when planned, less in a disaster.</summary>
public sealed class ReplicaContentTests
{
    private static async Task<(int Live, int Unregistered)> FailOverPath2Async(bool disaster)
    {
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions());
        using var control = lab.CreateControlHttp();
        var live = lab.Simulation.Read("primary", primaryEngine =>
        {
            var path2 = primaryEngine.StorageDomains.Values.Single(d => d.Name == "path2");
            return primaryEngine.Vms.Values.Count(v => v.StorageDomainIds.Contains(path2.Id));
        });

        if (disaster)
        {
            (await control.PostAsync("lab/control/sites/primary/down", null)).EnsureSuccessStatusCode();
        }
        else
        {
            using var primary = await LabTestClient.LoginAsync(lab, "primary");
            var sd = (await primary.FindByNameAsync("storagedomains", "storage_domain", "path2")).GetProperty("id").GetString();
            await primary.PostAsync($"storagedomains/{sd}/updateovfstore");
        }

        (await control.PostAsync("lab/array/pairs/pair-path2/promote", null)).EnsureSuccessStatusCode();
        using var recovery = await LabTestClient.LoginAsync(lab, "recovery");
        var imported = await recovery.PostAsync("storagedomains",
            """{"name":"path2","type":"data","host":{"name":"host-rec-01"},"storage":{"type":"nfs","address":"10.20.1.10","path":"/export/path2"}}""");
        var id = imported.GetProperty("id").GetString();
        var dc = (await recovery.FindByNameAsync("datacenters", "data_center", "Recovery")).GetProperty("id").GetString();
        await recovery.PostAsync($"datacenters/{dc}/storagedomains", $$"""{"id":"{{id}}"}""");
        var unregistered = await recovery.ListAsync($"storagedomains/{id}/vms?unregistered=true", "vm");
        return (live, unregistered.Count);
    }

    [Fact]
    public async Task Promote_PlannedAfterOvfUpdate_ReplicaHasEveryVm()
    {
        var (live, unregistered) = await FailOverPath2Async(disaster: false);

        Assert.Equal(live, unregistered);
    }

    [Fact]
    public async Task Promote_SourceSiteDown_ReplicaMissesVmsCreatedAfterLastOvfUpdate()
    {
        var (live, unregistered) = await FailOverPath2Async(disaster: true);

        Assert.InRange(unregistered, 1, live - 1);
    }
}
