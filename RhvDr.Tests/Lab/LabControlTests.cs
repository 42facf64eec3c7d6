using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Lab;
using RhvDr.Lab.Control;

namespace RhvDr.Tests.Lab;

public sealed class LabControlTests : IAsyncLifetime
{
    private LabServer _lab = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        _lab = await LabServer.StartAsync(LabFixture.InstantOptions());
        _control = new HttpClient { BaseAddress = _lab.ControlUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _lab.DisposeAsync();
    }

    [Fact]
    public async Task SetSiteDown_Engine_ConnectionFailsAndHostsNonResponsive()
    {
        // Arrange
        var lab = new LabControlClient(_control);
        using var primary = await LabTestClient.LoginAsync(_lab, "primary");

        // Act
        await lab.SetSiteDownAsync("primary");
        var status = await lab.GetStatusAsync();

        // Assert: a network failure, not an HTTP answer.
        await Assert.ThrowsAsync<HttpRequestException>(() => primary.Http.GetAsync("hosts"));
        var site = status.Sites.Single(s => s.Name == "primary");
        Assert.False(site.Up);
        Assert.Equal(site.Hosts, site.HostsDown);
        Assert.True(status.Sites.Single(s => s.Name == "recovery").Up);
        lock (_lab.Simulation.Sync)
        {
            Assert.All(_lab.Simulation.FindEngine("primary")!.Hosts.Values, h => Assert.Equal("non_responsive", h.Status));
        }
    }

    [Fact]
    public async Task SetSiteUp_AfterDown_EngineAnswersAndHostsUp()
    {
        // Arrange
        var lab = new LabControlClient(_control);
        await lab.SetSiteDownAsync("primary");

        // Act
        await lab.SetSiteUpAsync("primary");

        // Assert: the engine restarted, so a new login is needed and works.
        using var primary = await LabTestClient.LoginAsync(_lab, "primary");
        var hosts = await primary.ListAsync("hosts", "host");
        Assert.All(hosts, h => Assert.Equal("up", h.GetProperty("status").GetString()));
        Assert.Equal(0, (await lab.GetStatusAsync()).Sites.Single(s => s.Name == "primary").HostsDown);
    }

    [Fact]
    public async Task ControlOnEnginePort_WhileSiteDown_StillAnswers()
    {
        // Arrange
        var lab = new LabControlClient(_control);
        await lab.SetSiteDownAsync("recovery");
        using var viaEngine = new HttpClient { BaseAddress = _lab.Site("recovery").EngineUrl };

        // Act
        var status = await new LabControlClient(viaEngine).GetStatusAsync();

        // Assert
        Assert.False(status.Sites.Single(s => s.Name == "recovery").Up);
    }

    [Fact]
    public async Task SetSiteDown_UnknownSite_Returns404WithMessage()
    {
        // Act
        using var response = await _control.PostAsync("lab/control/sites/nowhere/down", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nowhere", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetHostDown_EventsFrom_ReturnsNonResponsiveAndHaRestart()
    {
        // Arrange
        using var primary = await LabTestClient.LoginAsync(_lab, "primary");
        var lastId = (await primary.ListAsync("events?max=1", "event")).Select(e => long.Parse(e.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        var host = await primary.FindByNameAsync("hosts", "host", "host-prod-01");
        var hostId = host.GetProperty("id").GetString();
        var vmsOnHost = (await primary.ListAsync("vms", "vm"))
            .Where(v => v.TryGetProperty("host", out var h) && h.GetProperty("id").GetString() == hostId).ToList();

        // Act
        await new LabControlClient(_control).SetHostDownAsync("primary", "host-prod-01", down: true);

        // Assert
        var events = await primary.ListAsync($"events?from={lastId}", "event");
        Assert.Contains(events, e => e.GetProperty("code").GetString() == "12" && e.GetProperty("host").GetProperty("id").GetString() == hostId);
        Assert.All(events, e => Assert.True(long.Parse(e.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > lastId));
        Assert.Equal("non_responsive", (await primary.GetAsync($"hosts/{hostId}")).GetProperty("status").GetString());

        // The host has power management: the engine fenced it and restarted its HA VMs elsewhere.
        foreach (var vm in vmsOnHost)
        {
            var now = await primary.GetAsync($"vms/{vm.GetProperty("id").GetString()}");
            var ha = vm.GetProperty("high_availability").GetProperty("enabled").GetString() == "true";
            Assert.Equal(ha ? "up" : "down", now.GetProperty("status").GetString());
            if (ha)
            {
                Assert.NotEqual(hostId, now.GetProperty("host").GetProperty("id").GetString());
            }
        }

        Assert.Contains(vmsOnHost, v => v.GetProperty("high_availability").GetProperty("enabled").GetString() == "true");
    }

    [Fact]
    public async Task SetFaults_ErrorRateOne_EngineAnswers503Fault()
    {
        // Arrange
        using var primary = await LabTestClient.LoginAsync(_lab, "primary");

        // Act
        await new LabControlClient(_control).SetFaultsAsync(new LabFaults(1.0, 0));
        var (status, body) = await primary.SendAsync(HttpMethod.Get, "vms");

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        Assert.Equal(1.0, (await new LabControlClient(_control).GetStatusAsync()).Faults.ErrorRate);
    }

    [Fact]
    public async Task LabControlClient_UnknownHost_ThrowsWithLabMessage()
    {
        var lab = new LabControlClient(_control);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => lab.SetHostDownAsync("primary", "host-nowhere", down: true));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("host-nowhere", ex.Message, StringComparison.Ordinal);
    }
}
