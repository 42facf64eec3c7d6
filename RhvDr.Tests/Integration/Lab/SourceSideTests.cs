using System.Net;
using RhvDr.Lab;

namespace RhvDr.Tests.Lab;

public sealed class SourceSideTests
{
    [Fact]
    public async Task ShutdownDeactivateDetachRemove_PlannedFailoverSource_DomainAndItsVmsLeaveTheEngine()
    {
        // Arrange
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions(60));
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        var dc = (await primary.FindByNameAsync("datacenters", "data_center", "Prod")).GetProperty("id").GetString();
        var sd = (await primary.FindByNameAsync("storagedomains", "storage_domain", "path2")).GetProperty("id").GetString();
        var onDomain = await primary.ListAsync($"vms?search={Uri.EscapeDataString("storage=path2")}", "vm");

        // Act
        var (refused, _) = await primary.SendAsync(HttpMethod.Post, $"datacenters/{dc}/storagedomains/{sd}/deactivate", "{}");
        foreach (var vm in onDomain.Where(v => v.GetProperty("status").GetString() != "down"))
        {
            await primary.PostAsync($"vms/{vm.GetProperty("id").GetString()}/shutdown");
        }

        await primary.PostAsync($"storagedomains/{sd}/updateovfstore");
        await primary.PostAsync($"datacenters/{dc}/storagedomains/{sd}/deactivate", """{"force":"true"}""");
        var (detached, _) = await primary.SendAsync(HttpMethod.Delete, $"datacenters/{dc}/storagedomains/{sd}");
        var (removed, _) = await primary.SendAsync(HttpMethod.Delete, $"storagedomains/{sd}?host=host-prod-01");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.NotEmpty(onDomain);
        Assert.Equal(HttpStatusCode.OK, detached);
        Assert.Equal(HttpStatusCode.OK, removed);
        Assert.Empty(await primary.ListAsync($"storagedomains?search={Uri.EscapeDataString("name=path2")}", "storage_domain"));
        var remaining = (await primary.ListAsync("vms", "vm")).Select(v => v.GetProperty("id").GetString()).ToHashSet();
        Assert.DoesNotContain(onDomain, v => remaining.Contains(v.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task StartVm_ScaledTime_PassesThroughLaunchStatesToUp()
    {
        // Arrange: 15 simulated seconds of boot at TimeScale 0.02 is 300 ms.
        await using var lab = await LabServer.StartAsync(new LabOptions { TimeScale = 0.02, VmsPerSite = 30, AdminPassword = "x" });
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        var vm = (await primary.ListAsync($"vms?search={Uri.EscapeDataString("status=down")}", "vm"))[0].GetProperty("id").GetString();

        // Act
        var start = await primary.PostAsync($"vms/{vm}/start");
        var right = (await primary.GetAsync($"vms/{vm}")).GetProperty("status").GetString();

        // Assert
        Assert.Equal("complete", start.GetProperty("status").GetString());
        Assert.Contains(right, new[] { "wait_for_launch", "powering_up" });
        await Poll.UntilAsync(async () => (await primary.GetAsync($"vms/{vm}")).GetProperty("status").GetString() == "up", "the VM is up");
        Assert.True((await primary.GetAsync($"vms/{vm}")).TryGetProperty("host", out _));
    }
}
