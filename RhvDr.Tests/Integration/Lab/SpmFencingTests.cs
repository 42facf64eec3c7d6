using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

public sealed class SpmFencingTests
{
    [Fact]
    public async Task StorageAction_SpmHostLostWithoutPowerManagement_FaultsUntilManualFence()
    {
        // Arrange: the SPM runs on host-prod-03, which has no fencing device.
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions());
        using var primary = await LabTestClient.LoginAsync(lab, "primary");
        using var control = lab.CreateControlHttp();
        lab.Simulation.Stage("primary", engine =>
        {
            foreach (var h in engine.Hosts.Values)
            {
                h.IsSpm = h.Name == "host-prod-03";
            }
        });

        var host = await primary.FindByNameAsync("hosts", "host", "host-prod-03");
        Assert.Equal("false", host.GetProperty("power_management").GetProperty("enabled").GetString());
        var sd = (await primary.FindByNameAsync("storagedomains", "storage_domain", "path2")).GetProperty("id").GetString();
        await new LabControlClient(control, lab.ControlToken).SetHostDownAsync("primary", "host-prod-03", down: true);

        // Act
        var (refused, fault) = await primary.SendAsync(HttpMethod.Post, $"storagedomains/{sd}/updateovfstore", "{}");
        using var fence = new HttpRequestMessage(HttpMethod.Post, $"hosts/{host.GetProperty("id").GetString()}/fence")
        {
            Content = new StringContent("<action><fence_type>manual</fence_type></action>", Encoding.UTF8, "application/xml"),
        };
        fence.Headers.Accept.Clear();
        fence.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        using var fenced = await primary.Http.SendAsync(fence);
        var fenceBody = await fenced.Content.ReadAsStringAsync();
        var after = await primary.PostAsync($"storagedomains/{sd}/updateovfstore");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("Storage Pool Manager", fault.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fenced.StatusCode);
        Assert.Contains("<status>complete</status>", fenceBody, StringComparison.Ordinal);
        Assert.Equal("complete", after.GetProperty("status").GetString());
        var spm = (await primary.ListAsync("hosts", "host")).Single(h => h.GetProperty("spm").GetProperty("status").GetString() == "spm");
        Assert.NotEqual("host-prod-03", spm.GetProperty("name").GetString());
    }
}
