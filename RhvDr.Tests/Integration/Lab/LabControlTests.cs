using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using RhvDr.Lab;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Lab;

public sealed class LabControlTests : IAsyncLifetime
{
    private LabServer _lab = null!;
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        _lab = await LabServer.StartAsync(LabFixture.InstantOptions());
        _control = _lab.CreateControlHttp();
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
        var lab = new LabControlClient(_control, _lab.ControlToken);
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
        Assert.All(_lab.Simulation.Read("primary", e => e.Hosts.Values.Select(h => h.Status).ToList()), status => Assert.Equal("non_responsive", status));
    }

    [Fact]
    public async Task SetSiteUp_AfterDown_EngineAnswersAndHostsUp()
    {
        // Arrange
        var lab = new LabControlClient(_control, _lab.ControlToken);
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
    public async Task Control_NoCredential_401InWordsAndNothingChanges()
    {
        // Arrange
        using var anonymous = new HttpClient { BaseAddress = _lab.ControlUrl };

        // Act
        using var read = await anonymous.GetAsync("lab/control");
        using var down = await anonymous.PostAsync("lab/control/sites/primary/down", null);
        using var array = await anonymous.PostAsync("lab/array/pairs/pair-path2/break", null);

        // Assert
        Assert.All([read, down, array], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var error = (await down.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains("Authorization: Bearer", error, StringComparison.Ordinal);
        Assert.Contains("Lab:ControlToken", error, StringComparison.Ordinal);
        Assert.Equal("Bearer", down.Headers.WwwAuthenticate.Single().Scheme);
        Assert.True((await new LabControlClient(_control, _lab.ControlToken).GetStatusAsync()).Sites.Single(s => s.Name == "primary").Up);
        Assert.Equal("replicating", (await _control.GetFromJsonAsync<JsonElement>("lab/array/pairs/pair-path2")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Control_WrongCredential_401SaysTheTokenIsWrong()
    {
        // Arrange
        using var wrong = new HttpClient { BaseAddress = _lab.ControlUrl };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _lab.ControlToken + "x");

        // Act
        using var response = await wrong.PostAsync("lab/control/sites/primary/down", null);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => new LabControlClient(wrong, "not-the-token").GetStatusAsync());

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("control token is wrong", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("control token is wrong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_WithCredential_200()
    {
        using var status = await _control.GetAsync("lab/control");
        using var pairs = await _control.GetAsync("lab/array/pairs");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pairs.StatusCode);
    }

    [Fact]
    public async Task ControlToken_Configured_IsTheCredentialAndChangesPerStartOtherwise()
    {
        // Arrange
        var options = LabFixture.InstantOptions(4);
        options.ControlToken = "a-known-token-for-scripts";

        // Act
        await using var known = await LabServer.StartAsync(options);
        await using var other = await LabServer.StartAsync(LabFixture.InstantOptions(4));
        using var http = new HttpClient { BaseAddress = known.ControlUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "a-known-token-for-scripts");
        using var response = await http.GetAsync("lab/control");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a-known-token-for-scripts", known.ControlToken);
        Assert.NotEqual(_lab.ControlToken, other.ControlToken);
        Assert.True(other.ControlToken.Length >= LabOptions.MinControlTokenLength);
    }

    [Fact]
    public void ControlToken_TooShort_ValidationNamesTheSetting()
    {
        var options = LabFixture.InstantOptions();
        options.ControlToken = "short";

        var error = Assert.Single(options.Validate());

        Assert.Contains("Lab:ControlToken", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlUnderEngineApi_SignedIn_EngineNotFoundFaultAndNoEffect()
    {
        // Arrange
        using var recovery = await LabTestClient.LoginAsync(_lab, "recovery");

        // Act
        var (read, readBody) = await recovery.SendAsync(HttpMethod.Get, "lab/control");
        var (down, _) = await recovery.SendAsync(HttpMethod.Post, "lab/control/sites/recovery/down");
        using var bare = new HttpClient { BaseAddress = new Uri(_lab.Site("recovery").EngineUrl, "/") };
        bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _lab.ControlToken);
        using var rootLab = await bare.PostAsync("lab/control/sites/recovery/down", null);

        // Assert: the engine's own 404 fault; the control API lives on the control port only.
        Assert.Equal(HttpStatusCode.NotFound, read);
        Assert.False(string.IsNullOrEmpty(readBody.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, down);
        Assert.Equal(HttpStatusCode.NotFound, rootLab.StatusCode);
        Assert.True((await new LabControlClient(_control, _lab.ControlToken).GetStatusAsync()).Sites.Single(s => s.Name == "recovery").Up);
    }

    [Fact]
    public async Task ControlAction_FromOutside_LoggedWithActionAndCallerAddress()
    {
        // Arrange
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var lab = await LabServer.StartAsync(LabFixture.InstantOptions(4), loggerFactory);
        using var control = lab.CreateControlHttp();
        using var anonymous = new HttpClient { BaseAddress = lab.ControlUrl };

        // Act
        (await control.PostAsync("lab/control/sites/primary/down", null)).EnsureSuccessStatusCode();
        using var refused = await anonymous.PostAsync("lab/array/pairs/pair-path2/break", null);

        // Assert
        Assert.Contains(logs.Lines, l => l.Contains("Lab action POST /lab/control/sites/primary/down by 127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("refused POST /lab/array/pairs/pair-path2/break from 127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(lab.ControlToken, StringComparison.Ordinal));
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
        await new LabControlClient(_control, _lab.ControlToken).SetHostDownAsync("primary", "host-prod-01", down: true);

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
        await new LabControlClient(_control, _lab.ControlToken).SetFaultsAsync(new LabFaults(1.0, 0));
        var (status, body) = await primary.SendAsync(HttpMethod.Get, "vms");

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        Assert.Equal(1.0, (await new LabControlClient(_control, _lab.ControlToken).GetStatusAsync()).Faults.ErrorRate);
    }

    [Fact]
    public async Task LabControlClient_UnknownHost_ThrowsWithLabMessage()
    {
        var lab = new LabControlClient(_control, _lab.ControlToken);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => lab.SetHostDownAsync("primary", "host-nowhere", down: true));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("host-nowhere", ex.Message, StringComparison.Ordinal);
    }
}
