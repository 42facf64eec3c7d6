using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Console.Lab;
using RhvDr.Console.Model;
using RhvDr.Core.Mapping;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;
using RhvDr.Core.Sites;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Integration;

/// <summary>
/// A disaster failover's preflight on the real console over the lab (time scale 0), with the primary taken down through the
/// lab's control API after the console has read it: the lost site needs no override, a real gap in the mapping still does.
/// </summary>
public sealed partial class DisasterPreflightTests : IAsyncLifetime
{
    private readonly ConsoleAppFactory _factory = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _factory.Settings["Lab:VmsPerSite"] = "30";
        _factory.Settings["Lab:HostsPerSite"] = "4";
        _http = _factory.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task PostRun_DisasterFailoverWithPrimaryDown_SucceedsWithoutOverrideCheckingPrimaryAgainstItsLastInventory()
    {
        // Arrange: the console has read both sites (and the mapping seeded from them), then the primary is lost.
        await WaitForSitesAndMappingAsync();
        await TakePrimaryDownAsync();

        // Act: what the wizard's preflight shows, then the run as the API starts it, without an override.
        var preview = await _factory.Services.GetRequiredService<IRunPreviewer>().PreviewAsync(RunKind.Failover, RunMode.Disaster, CancellationToken.None);
        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "disaster", confirmSite = "primary" });

        // Assert: the wizard has nothing blocking and says how old the primary's inventory is.
        var wizard = new RunWizardViewModel([SiteOf("primary", SiteRole.Primary), SiteOf("recovery", SiteRole.Recovery)]) { Kind = RunKind.Failover, Mode = RunMode.Disaster };
        wizard.SetPreview(preview);
        Assert.False(wizard.Blocked, string.Join(" | ", wizard.Blockers));
        Assert.True(preview.LostSiteCheck!.CheckedAgainstLastInventory);
        Assert.Matches(LastInventoryAge(), preview.LostSiteCheck.Summary);

        // Assert: the run is accepted, passes preflight saying what it checked the primary against, and recovers the VMs.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var details = await WaitForEndAsync(id);
        var run = details.GetProperty("run");
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.GetRawText());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("overrideReason").ValueKind);
        var preflight = Step(details, "preflight").GetProperty("detail").GetString()!;
        Assert.Matches(LastInventoryAge(), preflight);
        Assert.Contains("Recovery checked live; 0 error(s)", preflight, StringComparison.Ordinal);
        Assert.Contains(details.GetProperty("log").EnumerateArray(), l => LastInventoryAge().IsMatch(l.GetProperty("message").GetString()!));
        Assert.Equal("succeeded", Step(details, "start-vms").GetProperty("status").GetString());
        Assert.Contains(details.GetProperty("vms").EnumerateArray(), v => v.GetProperty("up").GetBoolean());
    }

    [Fact]
    public async Task PostRun_DisasterFailoverWithMappedRecoveryClusterMissing_IsStillBlockedWithoutOverride()
    {
        // Arrange: a mapping version saved while its recovery cluster existed, which has since gone. (Saving it now through
        // PUT /api/mapping would make it a draft, and no run uses a draft.)
        await WaitForSitesAndMappingAsync();
        var current = (await _factory.Services.GetRequiredService<MappingService>().GetCurrentAsync())!;
        var gap = current.Mapping with { Clusters = [.. current.Mapping.Clusters.Select((c, i) => i == 0 ? c with { SecondaryName = "cluster_gone" } : c)] };
        var saved = await _factory.Services.GetRequiredService<IMappingStore>().SaveAsync(gap, [], "admin", "recovery cluster renamed since");
        Assert.False(saved.Info.IsDraft);
        await TakePrimaryDownAsync();

        // Act
        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "disaster", confirmSite = "primary" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var details = await WaitForEndAsync(id);

        // Assert: preflight stops it on the gap, and only on real problems: the lost primary is not one of them.
        var run = details.GetProperty("run");
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal("failed", Step(details, "preflight").GetProperty("status").GetString());
        var error = run.GetProperty("error").GetString()!;
        Assert.Contains("Mapping dr_cluster_mappings[0].secondary_name: The cluster 'cluster_gone' does not exist at the secondary site", error, StringComparison.Ordinal);
        Assert.Contains("start the run again with an override reason", error, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be reached", error, StringComparison.Ordinal);
        Assert.DoesNotContain(details.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "import-domains" && s.GetProperty("status").GetString() != "pending");
    }

    [Fact]
    public async Task PostRun_PlannedFailoverWithPrimaryDown_IsStillBlockedWithoutOverride()
    {
        await WaitForSitesAndMappingAsync();
        await TakePrimaryDownAsync();

        using var response = await _http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "planned" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var details = await WaitForEndAsync(id);

        var run = details.GetProperty("run");
        Assert.Equal("failed", run.GetProperty("status").GetString());
        var error = run.GetProperty("error").GetString()!;
        Assert.Contains("The primary engine cannot be reached", error, StringComparison.Ordinal);
        Assert.Contains("If the site is lost, start a disaster run.", error, StringComparison.Ordinal);
    }

    /// <summary>"Primary checked against its last inventory, read 4 s ago at 2026-… UTC (the engine does not answer)".</summary>
    [GeneratedRegex(@"Primary checked against its last inventory, read \d+ (s|min) ago at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(the engine does not answer\)")]
    private static partial Regex LastInventoryAge();

    private static SiteDescriptor SiteOf(string name, SiteRole role) => new(name, name, role, $"lab:{name}", true);

    private static JsonElement Step(JsonElement details, string name) =>
        details.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    /// <summary>Both sites polled and the lab's mapping seeded: seeding reads both engines, so the console has an inventory of each.</summary>
    private async Task WaitForSitesAndMappingAsync()
    {
        await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>("/api/sites"),
            s => s.GetArrayLength() == 2 && s.EnumerateArray().All(x => x.GetProperty("engine").GetProperty("reachable").GetBoolean() && x.GetProperty("vms").GetProperty("total").GetInt32() > 0),
            "both sites polled");
        var mapping = await _http.GetFromJsonAsync<JsonElement>("/api/mapping");
        Assert.Equal(1, mapping.GetProperty("version").GetInt32());
    }

    /// <summary>Takes the primary down through the lab's control API and waits until the console sees it unreachable.</summary>
    private async Task TakePrimaryDownAsync()
    {
        using var control = _factory.Services.GetRequiredService<LabArraySource>().CreateControlHttp();
        (await control.PostAsync("/lab/control/sites/primary/down", null)).EnsureSuccessStatusCode();
        await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>("/api/sites/primary"),
            s => !s.GetProperty("engine").GetProperty("reachable").GetBoolean(), "the primary to be unreachable");
    }

    private Task<JsonElement> WaitForEndAsync(string id) =>
        WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            $"run {id} to end", TimeSpan.FromSeconds(90));
}
