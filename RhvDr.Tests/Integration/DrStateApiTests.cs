using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Lab.Control;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary><c>GET /api/state</c>, <c>StateChanged</c> and the VMs still down after an outage, on the running console over the lab.</summary>
public sealed class DrStateApiTests : IAsyncLifetime
{
    private const string FailoverLink = "/runs/new?kind=failover&mode=disaster&source=primary";

    private readonly ConsoleAppFactory _console = new();
    private HttpClient _admin = null!;
    private HttpClient _viewer = null!;

    public async Task InitializeAsync()
    {
        _admin = _console.CreateApiClient();
        using var created = await _admin.PostAsJsonAsync("/api/tokens", new { name = "wall-script", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _viewer = _console.CreateApiClient((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
    }

    private ILabControl Lab => _console.Services.GetRequiredService<ILabControl>();

    [Fact]
    public async Task State_PrimaryLostThenBackWithVmsDown_SiteLostThenDegradedUntilStarted()
    {
        // Arrange: a viewer's script follows the state over HTTP and the hub.
        var normal = await WaitForStateAsync("normal");
        var pushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var viewerHub = new HubConnectionBuilder()
            .WithUrl(new Uri(_console.BaseAddress, "hubs/dr"), o => o.AccessTokenProvider = () => Task.FromResult(_viewer.DefaultRequestHeaders.Authorization?.Parameter))
            .Build();
        viewerHub.On<JsonElement>("StateChanged", s =>
        {
            if (s.GetProperty("kind").GetString() == "siteLost")
            {
                pushed.TrySetResult(s);
            }
        });
        await viewerHub.StartAsync();

        // Act: the primary site loses power.
        await Lab.SetSiteDownAsync("primary");

        // Assert: the state says so, with the prefilled disaster failover as the Operator's next action.
        var lost = await WaitForStateAsync("siteLost");
        var next = lost.GetProperty("next");
        Assert.Equal("Start disaster failover", next.GetProperty("label").GetString());
        Assert.Equal(FailoverLink, next.GetProperty("link").GetString());
        Assert.True(next.GetProperty("needsOperator").GetBoolean());
        Assert.Equal("siteLost", (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(30))).GetProperty("kind").GetString());
        Assert.Equal("primary", normal.GetProperty("productionSite").GetString());

        // Act: the power comes back; only the HA VMs restart by themselves.
        await Lab.SetSiteUpAsync("primary");

        // Assert: not "normal": an incident lists the VMs that ran before and are still down.
        var degraded = await WaitForStateAsync("degraded");
        Assert.StartsWith("VMs that ran before the outage are still down", degraded.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var board = await _viewer.GetFromJsonAsync<JsonElement>("/api/incidents");
        var stillDown = board.GetProperty("stillDown").EnumerateArray().Single();
        var incidentId = stillDown.GetProperty("incidentId").GetInt64();
        Assert.True(stillDown.GetProperty("vms").GetArrayLength() > 0);

        // Act: a viewer may not start them; an operator does.
        using var refused = await _viewer.PostAsync($"/api/incidents/{incidentId}/start-vms", null);
        using var started = await _admin.PostAsync($"/api/incidents/{incidentId}/start-vms", null);

        // Assert: the engine took the starts, and the incident closes once they all run.
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var result = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(stillDown.GetProperty("vms").EnumerateArray().Count(v => v.GetProperty("status").GetString() == "down"), result.GetProperty("started").GetArrayLength());
        Assert.Equal(0, result.GetProperty("failed").GetArrayLength());
        await WaitFor.ValueAsync(
            async () => await _viewer.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}"),
            i => i.GetProperty("closedAt").ValueKind != JsonValueKind.Null,
            "the still-down incident to close");
        await WaitForStateAsync("normal");
    }

    [Fact]
    public async Task State_PlannedFailoverSucceeded_RunningAtRecoveryAndReadinessAsksAboutFailback()
    {
        await WaitForStateAsync("normal");

        // Act: a planned failover moves production to the recovery site.
        using var response = await _admin.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "planned" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Assert: production runs at Recovery on purpose; the next action is the failback, and readiness asks about it.
        var state = await WaitForStateAsync("runningAtRecovery");
        Assert.Equal("recovery", state.GetProperty("productionSite").GetString());
        Assert.Equal(id, state.GetProperty("runId").GetString());
        Assert.Equal("/runs/new?kind=failback&mode=planned&source=recovery", state.GetProperty("next").GetProperty("link").GetString());
        var readiness = await WaitFor.ValueAsync(
            async () => await _viewer.GetFromJsonAsync<JsonElement>("/api/readiness"),
            r => r.GetProperty("failback").ValueKind == JsonValueKind.Object,
            "readiness to ask about the failback");
        var failback = readiness.GetProperty("failback");
        Assert.Equal("go", failback.GetProperty("status").GetString());
        Assert.StartsWith("Production runs at Recovery after a failover. Could we fail back to", failback.GetProperty("question").GetString(), StringComparison.Ordinal);
    }

    private Task<JsonElement> WaitForStateAsync(string kind) =>
        WaitFor.ValueAsync(
            async () => await _viewer.GetFromJsonAsync<JsonElement>("/api/state"),
            s => s.GetProperty("kind").GetString() == kind,
            $"GET /api/state to say {kind}",
            TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _viewer.Dispose();
        await _console.DisposeAsync();
    }
}
