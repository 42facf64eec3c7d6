using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;
using RhvDr.Tests.Plans;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.PlanRuns;

/// <summary>
/// Two recovery plans with disjoint storage domains run at once on the console with the embedded lab, over real HTTP; the
/// same plan, a plan sharing a domain and the whole estate wait for the active run as before.
/// </summary>
public sealed class ConcurrentPlanRunsTests : IAsyncLifetime
{
    private const string Untouched = "primary_master_storage";
    private static readonly string[] DbDomains = ["scsi_domain"];

    private readonly PlanRunConsole _console = new(vmsPerSite: 40);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _console.DisposeAsync();

    /// <summary>Plans "apps-only" (path2, scsi_domain2) and "db-only" (scsi_domain), each holding its run at a prompt before any VM starts.</summary>
    private static string TwoPlans() => $"""
        protection_groups:
        - name: "apps"
          storage_domains: [{string.Join(", ", PlanRunConsole.AppsDomains.Select(d => $"\"{d}\""))}]
        - name: "db"
          storage_domains: ["scsi_domain"]
        plans:
        - name: "apps-only"
          protection_groups: ["apps"]
          pre_steps:
          - kind: prompt
            name: "Apps owners"
            message: "Confirm the application owners are on the bridge."
        - name: "db-only"
          protection_groups: ["db"]
          pre_steps:
          - kind: prompt
            name: "DBA"
            message: "Confirm the DBA is on the bridge."
        """;

    [Fact]
    public async Task TwoPlansDisjointDomains_TestFailoverAtOnce_BothRunAndSucceed_ThirdDomainStillReplicates_ThenEachCleanedUpByPlan()
    {
        var primary = await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(TwoPlans());

        var starts = await Task.WhenAll(
            StartAsync(new { kind = "test", mode = "planned", plan = "apps-only" }),
            StartAsync(new { kind = "test", mode = "planned", plan = "db-only" }));

        Assert.All(starts, s => Assert.True(s.Status == HttpStatusCode.Accepted, s.Body.ToString()));
        var (apps, db) = (Id(starts[0].Body), Id(starts[1].Body));
        Assert.NotEqual(apps, db);

        // Both are under way at the same moment: each waits at its own prompt, and the DR state lists both.
        await WaitForStatusAsync(apps, "waiting");
        await WaitForStatusAsync(db, "waiting");
        var state = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>("/api/state"),
            s => s.GetProperty("activeRuns").GetArrayLength() == 2 && s.GetProperty("activeRuns").EnumerateArray().All(r => r.GetProperty("status").GetString() == "waiting"),
            "the DR state to list both runs waiting");
        Assert.Equal("testActive", state.GetProperty("kind").GetString());
        Assert.StartsWith("2 runs under way: ", state.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal(new[] { apps, db }.Order(StringComparer.Ordinal), state.GetProperty("activeRuns").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Contains(state.GetProperty("activeRuns").EnumerateArray(), r => r.GetProperty("plan").GetString() == "db-only" && r.GetProperty("runId").GetString() == db);
        Assert.EndsWith("(2 waiting)", state.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var listed = await _console.Http.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Equal(2, listed.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "waiting"));

        await ConfirmAsync(apps);
        await ConfirmAsync(db);
        var appsRun = await WaitForEndAsync(apps);
        var dbRun = await WaitForEndAsync(db);

        AssertSucceeded(appsRun);
        AssertSucceeded(dbRun);
        Assert.All(RecordedVms(appsRun), id => Assert.True(OnDomains(primary, id, PlanRunConsole.AppsDomains), $"VM {id} of the apps test is not on the apps domains"));
        Assert.All(RecordedVms(dbRun), id => Assert.True(OnDomains(primary, id, DbDomains), $"VM {id} of the db test is not on the db domain"));
        Assert.NotEmpty(RecordedVms(appsRun));
        Assert.NotEmpty(RecordedVms(dbRun));
        var pairs = await PairsAsync();
        Assert.All(PlanRunConsole.AppsDomains.Concat(DbDomains), d => Assert.True(pairs[d].GetProperty("testCopy").GetBoolean(), $"{d} has no test copy"));
        AssertReplicatingWithoutTestCopy(pairs[Untouched], Untouched);
        var atRecovery = await RecoveryDomainsAsync();
        Assert.All(PlanRunConsole.AppsDomains.Concat(DbDomains), d => Assert.Equal("active", atRecovery.GetValueOrDefault(d)));
        Assert.False(atRecovery.ContainsKey(Untouched), $"{Untouched} was imported at recovery");

        // A cleanup without a plan cannot tell which test to remove.
        var ambiguous = await StartAsync(new { kind = "cleanup", mode = "planned" });
        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.Status);
        var detail = ambiguous.Body.GetProperty("detail").GetString()!;
        Assert.Contains($"'apps-only' (run {apps})", detail, StringComparison.Ordinal);
        Assert.Contains($"'db-only' (run {db})", detail, StringComparison.Ordinal);

        // Each plan's cleanup removes that plan's copies only.
        var appsCleanup = await _console.RunToSuccessAsync(new { kind = "cleanup", mode = "planned", plan = "apps-only" });
        Assert.Equal("apps-only", appsCleanup.GetProperty("run").GetProperty("plan").GetString());
        pairs = await PairsAsync();
        Assert.All(PlanRunConsole.AppsDomains, d => Assert.False(pairs[d].GetProperty("testCopy").GetBoolean(), $"{d} kept its test copy"));
        Assert.True(pairs["scsi_domain"].GetProperty("testCopy").GetBoolean(), "the db test copy went with the apps cleanup");
        atRecovery = await RecoveryDomainsAsync();
        Assert.All(PlanRunConsole.AppsDomains, d => Assert.False(atRecovery.ContainsKey(d), $"{d} is still at recovery"));
        Assert.Equal("active", atRecovery.GetValueOrDefault("scsi_domain"));

        // Only the db test is left: a cleanup without a plan takes it.
        var dbCleanup = await _console.RunToSuccessAsync(new { kind = "cleanup", mode = "planned" });
        Assert.Equal("db-only", dbCleanup.GetProperty("run").GetProperty("plan").GetString());
        pairs = await PairsAsync();
        Assert.All(pairs, p => AssertReplicatingWithoutTestCopy(p.Value, p.Key));
        atRecovery = await RecoveryDomainsAsync();
        Assert.DoesNotContain(PlanRunConsole.AppsDomains.Concat(DbDomains).Append(Untouched), atRecovery.ContainsKey);
    }

    [Fact]
    public async Task TwoPlansDisjointDomains_FailoverAtOnce_BothSucceed_FailbackWithoutPlanAsksWhich_ThenEachFailsBack()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(TwoPlans());

        var starts = await Task.WhenAll(
            StartAsync(new { kind = "failover", mode = "planned", plan = "apps-only" }),
            StartAsync(new { kind = "failover", mode = "planned", plan = "db-only" }));

        Assert.All(starts, s => Assert.True(s.Status == HttpStatusCode.Accepted, s.Body.ToString()));
        var (apps, db) = (Id(starts[0].Body), Id(starts[1].Body));
        await WaitForStatusAsync(apps, "waiting");
        await WaitForStatusAsync(db, "waiting");
        await ConfirmAsync(apps);
        await ConfirmAsync(db);
        AssertSucceeded(await WaitForEndAsync(apps));
        AssertSucceeded(await WaitForEndAsync(db));
        var pairs = await PairsAsync();
        Assert.All(PlanRunConsole.AppsDomains.Concat(DbDomains), d => Assert.Equal("promoted", pairs[d].GetProperty("state").GetString()));
        AssertReplicatingWithoutTestCopy(pairs[Untouched], Untouched);
        var split = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>("/api/state"),
            s => s.GetProperty("plans").GetArrayLength() == 2, "the DR state to show both plans away");
        Assert.Equal("runningAtRecovery", split.GetProperty("kind").GetString());

        var ambiguous = await StartAsync(new { kind = "failback", mode = "planned" });
        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.Status);
        var detail = ambiguous.Body.GetProperty("detail").GetString()!;
        Assert.Contains($"'apps-only' (failover {apps})", detail, StringComparison.Ordinal);
        Assert.Contains($"'db-only' (failover {db})", detail, StringComparison.Ordinal);

        var appsBack = await RunConfirmingToEndAsync(new { kind = "failback", mode = "planned", plan = "apps-only" });
        AssertSucceeded(appsBack);
        var dbBack = await RunConfirmingToEndAsync(new { kind = "failback", mode = "planned" });
        AssertSucceeded(dbBack);
        Assert.Equal("db-only", dbBack.GetProperty("run").GetProperty("plan").GetString());
        pairs = await PairsAsync();
        Assert.All(pairs, p => Assert.True(p.Value.GetProperty("sourceSite").GetString() == "primary" && p.Value.GetProperty("state").GetString() is "replicating" or "resyncing",
            $"{p.Key}: {p.Value.GetProperty("state").GetString()} from {p.Value.GetProperty("sourceSite").GetString()}"));
        await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>("/api/state"),
            s => s.GetProperty("plans").GetArrayLength() == 0, "the DR state to show both plans home");
    }

    [Fact]
    public async Task PlanRunActive_SamePlanReturnsIt_WholeEstateReturnsIt_DisjointDrillStarts_PlanSharingADomainRefusedNamingRunAndDomain()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(TwoPlans());
        var first = await StartAsync(new { kind = "test", mode = "planned", plan = "apps-only" });
        Assert.True(first.Status == HttpStatusCode.Accepted, first.Body.ToString());
        var apps = Id(first.Body);
        await WaitForStatusAsync(apps, "waiting");

        var again = await StartAsync(new { kind = "test", mode = "planned", plan = "APPS-ONLY" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal((apps, "apps-only"), (Id(again.Body), again.Body.GetProperty("plan").GetString()));
        Assert.Contains("one run at a time per plan", again.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var estate = await StartAsync(new { kind = "test", mode = "planned" });
        Assert.Equal(HttpStatusCode.Conflict, estate.Status);
        Assert.Equal(apps, Id(estate.Body));

        // A drill of a plan with disjoint domains is not skipped for the run under way: its test starts beside it.
        using (var drill = await _console.Http.PostAsync("/api/plans/db-only/drills", null))
        {
            Assert.True(drill.StatusCode == HttpStatusCode.Accepted, await drill.Content.ReadAsStringAsync());
            var drillTest = (await drill.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("testRunId").GetString()!;
            Assert.Equal("waiting", (await WaitForStatusAsync(drillTest, "waiting")).GetProperty("run").GetProperty("status").GetString());
        }

        // A later plans version moves path2 into another plan: the run under way still holds it.
        await _console.SavePlansAsync("""
            protection_groups:
            - name: "apps"
              storage_domains: ["scsi_domain2"]
            - name: "wide"
              storage_domains: ["path2"]
            plans:
            - name: "apps-only"
              protection_groups: ["apps"]
            - name: "wide"
              protection_groups: ["wide"]
            """);
        var shared = await StartAsync(new { kind = "test", mode = "planned", plan = "wide" });

        Assert.Equal(HttpStatusCode.Conflict, shared.Status);
        var detail = shared.Body.GetProperty("detail").GetString()!;
        Assert.Contains($"run {apps} (test of plan 'apps-only', waiting)", detail, StringComparison.Ordinal);
        Assert.Contains("plans 'apps-only' and 'wide' both recover storage domain path2.", detail, StringComparison.Ordinal);
        var runs = await _console.Http.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.DoesNotContain(runs.EnumerateArray(), r => r.GetProperty("plan").GetString() == "wide");

        foreach (var run in runs.EnumerateArray().Where(r => r.GetProperty("status").GetString() == "waiting"))
        {
            using var cancel = await _console.Http.PostAsync($"/api/runs/{run.GetProperty("id").GetString()}/cancel", null);
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> StartAsync(object body)
    {
        using var response = await _console.Http.PostAsJsonAsync("/api/runs", body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone());
    }

    /// <summary>Starts a run, confirms each prompt of its plan's steps, and answers it once it has ended.</summary>
    private async Task<JsonElement> RunConfirmingToEndAsync(object body)
    {
        var started = await StartAsync(body);
        Assert.True(started.Status == HttpStatusCode.Accepted, started.Body.ToString());
        var id = Id(started.Body);
        while (true)
        {
            var run = await WaitForStatusAsync(id, "waiting");
            if (run.GetProperty("run").GetProperty("status").GetString() != "waiting")
            {
                return run;
            }

            await ConfirmAsync(id);
            await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
                r => r.GetProperty("run").GetProperty("status").GetString() != "waiting", $"run {id} to go on after the confirmation");
        }
    }

    private static string Id(JsonElement body) => body.GetProperty("id").GetString()!;

    private Task<JsonElement> WaitForStatusAsync(string id, string status) =>
        WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is { } s && (s == status || s is "failed" or "succeeded" or "cancelled"),
            $"run {id} to be {status}", PlanRunConsole.RunTimeout);

    private Task<JsonElement> WaitForEndAsync(string id) =>
        WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            $"run {id} to end", PlanRunConsole.RunTimeout);

    private async Task ConfirmAsync(string id)
    {
        using var response = await _console.Http.PostAsync($"/api/runs/{id}/confirm", null);
        Assert.True(response.IsSuccessStatusCode, $"confirm {id}: {await response.Content.ReadAsStringAsync()}");
    }

    private static void AssertSucceeded(JsonElement run) =>
        Assert.True(run.GetProperty("run").GetProperty("status").GetString() == "succeeded",
            $"run {run.GetProperty("run").GetProperty("id")}: {run.GetProperty("run").GetProperty("error")}; {string.Join(" | ", run.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("message").GetString()).TakeLast(8))}");

    private static List<string> RecordedVms(JsonElement run) =>
        [.. run.GetProperty("vms").EnumerateArray().Select(v => v.GetProperty("vmId").GetString()!)];

    private static bool OnDomains(SiteInventory primary, string vmId, string[] domains) =>
        primary.Vms.Single(v => v.Id == vmId).StorageDomainNames.All(domains.Contains);

    private static void AssertReplicatingWithoutTestCopy(JsonElement pair, string name) =>
        Assert.True(pair.GetProperty("sourceSite").GetString() == "primary" && pair.GetProperty("state").GetString() == "replicating" && !pair.GetProperty("testCopy").GetBoolean(),
            $"{name}: {pair.GetProperty("state").GetString()} from {pair.GetProperty("sourceSite").GetString()}, test copy {pair.GetProperty("testCopy").GetBoolean()}");

    private async Task<Dictionary<string, JsonElement>> PairsAsync() =>
        (await _console.Http.GetFromJsonAsync<JsonElement>("/api/lab/array/pairs")).EnumerateArray()
            .ToDictionary(p => p.GetProperty("domainName").GetString()!, p => p.Clone());

    /// <summary>The storage domains attached in the recovery engine's data centers, by name, with their status.</summary>
    private async Task<Dictionary<string, string?>> RecoveryDomainsAsync()
    {
        var client = await _console.Factory.Services.GetRequiredService<IEngineClientFactory>().GetClientAsync("recovery");
        return await RhvDr.Tests.Recovery.EngineState.AttachedDomainStatusAsync(client);
    }
}
