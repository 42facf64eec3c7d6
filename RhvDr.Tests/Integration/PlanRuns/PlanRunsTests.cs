using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Plans;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.PlanRuns;

/// <summary>
/// Runs of one recovery plan on the running console with the embedded lab, over real HTTP: the plan's protection groups are
/// all that moves, and its priority groups decide when each VM starts (read from the recovery engine's own events).
/// </summary>
public sealed class PlanRunsTests : IAsyncLifetime
{
    private readonly PlanRunConsole _console = new(vmsPerSite: 40);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _console.DisposeAsync();

    [Fact]
    public async Task PlanFailover_TwoDomains_OthersKeepReplicatingAndRunningAtPrimary_ThenFailsBack()
    {
        var primary = await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-only", ""));
        var others = primary.Vms.Where(v => v.IsRunning && !v.StorageDomainNames.Any(PlanRunConsole.AppsDomains.Contains)).Select(v => v.Id).ToHashSet();
        var apps = primary.Vms.Where(v => v.StorageDomainNames.Any(PlanRunConsole.AppsDomains.Contains)).Select(v => v.Id).ToHashSet();
        Assert.NotEmpty(others);

        var failover = await _console.RunToSuccessAsync(new { kind = "failover", mode = "planned", plan = "apps-only" });

        Assert.Equal("succeeded", failover.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("apps-only", failover.GetProperty("run").GetProperty("plan").GetString());
        var recorded = failover.GetProperty("vms").EnumerateArray().Select(v => v.GetProperty("vmId").GetString()!).ToList();
        Assert.NotEmpty(recorded);
        Assert.All(recorded, id => Assert.Contains(id, apps));
        var pairs = await PairsAsync();
        Assert.All(PlanRunConsole.AppsDomains, domain => Assert.Equal("promoted", pairs[domain].GetProperty("state").GetString()));
        AssertReplicatingFromPrimary(pairs.Where(p => !PlanRunConsole.AppsDomains.Contains(p.Key)));

        var atPrimary = await VmsAsync("primary");
        Assert.All(others, id => Assert.Equal(VmStatus.Up, atPrimary[id]));
        Assert.DoesNotContain(recorded, atPrimary.ContainsKey);

        // The DR state says only the plan moved.
        var split = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>("/api/state"),
            s => s.GetProperty("plans").GetArrayLength() > 0, "the DR state to show the plan away");
        Assert.Equal("runningAtRecovery", split.GetProperty("kind").GetString());
        Assert.Contains("; the rest at ", split.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("apps-only at ", split.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var away = Assert.Single(split.GetProperty("plans").EnumerateArray());
        Assert.Equal(("apps-only", "recovery", failover.GetProperty("run").GetProperty("id").GetString()),
            (away.GetProperty("plan").GetString(), away.GetProperty("site").GetString(), away.GetProperty("runId").GetString()));

        // Named no plan, the failback returns what the failover moved.
        var failback = await _console.RunToSuccessAsync(new { kind = "failback", mode = "planned" });

        Assert.Equal("succeeded", failback.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("apps-only", failback.GetProperty("run").GetProperty("plan").GetString());
        pairs = await PairsAsync();
        AssertReplicatingFromPrimary(pairs.Where(p => !PlanRunConsole.AppsDomains.Contains(p.Key)));
        Assert.All(PlanRunConsole.AppsDomains, domain => Assert.Equal("primary", pairs[domain].GetProperty("sourceSite").GetString()));
        Assert.All(PlanRunConsole.AppsDomains, domain => Assert.Contains(pairs[domain].GetProperty("state").GetString(), new[] { "resyncing", "replicating" }));
        atPrimary = await VmsAsync("primary");
        Assert.All(others, id => Assert.Equal(VmStatus.Up, atPrimary[id]));
        Assert.All(failback.GetProperty("vms").EnumerateArray().Where(v => v.GetProperty("up").GetBoolean()), v => Assert.Equal(VmStatus.Up, atPrimary[v.GetProperty("vmId").GetString()!]));
        var home = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>("/api/state"),
            s => s.GetProperty("plans").GetArrayLength() == 0, "the DR state to show the plan home");
        Assert.Equal("primary", home.GetProperty("productionSite").GetString());
    }

    [Fact]
    public async Task PlanTest_PriorityGroups_Group2StartsOnlyOnceGroup1IsUp_AfterAndDelayKept_SkippedNotStarted()
    {
        var primary = await _console.PrimaryInventoryAsync();
        var running = primary.Vms.Where(v => v.IsRunning && v.StorageDomainNames.Count > 0 && v.StorageDomainNames.All(PlanRunConsole.AppsDomains.Contains))
            .OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => v.Name).ToList();
        Assert.True(running.Count >= 6, $"the lab's apps domains hold only {running.Count} running VMs");
        var (first, second, third, fourth, fifth, skipped) = (running[0], running[1], running[2], running[3], running[4], running[5]);
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-ordered", $"""
              vms:
              - name: "{first}"
                priority: 1
              - name: "{second}"
                priority: 1
              - name: "{third}"
                priority: 2
                after: ["{fourth}"]
              - name: "{fourth}"
                priority: 2
              - name: "{fifth}"
                priority: 2
                start_delay_seconds: 1
              - name: "{skipped}"
                skip: true
            """));
        var target = await _console.Factory.Services.GetRequiredService<IEngineClientFactory>().GetClientAsync("recovery");
        var before = (await target.GetEventsAsync(null)).Select(e => e.Id).DefaultIfEmpty(0).Max();

        var run = await _console.RunToSuccessAsync(new { kind = "test", mode = "planned", plan = "apps-ordered" });

        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        var vms = run.GetProperty("vms").EnumerateArray().ToDictionary(v => v.GetProperty("vmName").GetString()!);
        Assert.Equal(1, vms[first].GetProperty("wave").GetInt32());
        Assert.Equal(2, vms[third].GetProperty("wave").GetInt32());
        if (running.Skip(6).FirstOrDefault() is { } unlisted)
        {
            Assert.Equal(3, vms[unlisted].GetProperty("wave").GetInt32());
        }

        Assert.True(vms[skipped].GetProperty("registered").GetBoolean());
        Assert.False(vms[skipped].GetProperty("started").GetBoolean());
        Assert.Contains("skips it", vms[skipped].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(vms[skipped].GetProperty("skipped").GetBoolean());
        Assert.False(vms[first].GetProperty("skipped").GetBoolean());

        // The recovery engine's own record: a user's start (153) and the VM up on its host (32), in the order it logged them.
        var events = (await target.GetEventsAsync(before)).Where(e => e.Id > before).OrderBy(e => e.Id).ToList();
        long Started(string name) => events.First(e => e.Code == 153 && e.Description!.StartsWith($"VM {name} ", StringComparison.Ordinal)).Id;
        long Up(string name) => events.First(e => e.Code == 32 && e.Description!.StartsWith($"VM {name} ", StringComparison.Ordinal)).Id;
        var group1 = new[] { first, second }.Where(n => vms[n].GetProperty("up").GetBoolean()).ToList();
        var group2 = new[] { third, fourth, fifth }.Where(n => vms[n].GetProperty("started").GetBoolean()).ToList();
        Assert.NotEmpty(group1);
        Assert.NotEmpty(group2);
        var lastUpOfGroup1 = group1.Max(Up);
        Assert.All(group2, n => Assert.True(Started(n) > lastUpOfGroup1, $"{n} (group 2) started before every VM of group 1 was up"));
        if (vms[fourth].GetProperty("up").GetBoolean() && vms[third].GetProperty("started").GetBoolean())
        {
            Assert.True(Started(third) > Up(fourth), $"{third} started before {fourth}, which it starts after, was up");
        }

        Assert.DoesNotContain(events, e => e.Code == 153 && e.Description!.StartsWith($"VM {skipped} ", StringComparison.Ordinal));
        if (vms[fifth].GetProperty("started").GetBoolean())
        {
            var group1Up = group1.Max(n => vms[n].GetProperty("upAt").GetDateTimeOffset());
            Assert.True(vms[fifth].GetProperty("startedAt").GetDateTimeOffset() - group1Up >= TimeSpan.FromSeconds(1), $"{fifth} did not wait its start delay of 1 s");
        }

        // The cleanup removes the plan's test copies: it takes the test's plan.
        var cleanup = await _console.RunToSuccessAsync(new { kind = "cleanup", mode = "planned" });
        Assert.Equal("succeeded", cleanup.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("apps-ordered", cleanup.GetProperty("run").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task PlanTest_HoldingThePrimaryMaster_PreflightSaysTheEngineMovesTheMasterRole()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync("""
            protection_groups:
            - name: "core"
              storage_domains: ["primary_master_storage", "scsi_domain"]
            plans:
            - name: "core-only"
              protection_groups: ["core"]
            """);

        var run = await _console.RunToSuccessAsync(new { kind = "test", mode = "planned", plan = "core-only" });

        var log = run.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();
        Assert.Contains(log, m => m.Contains("primary_master_storage, the master storage domain at primary", StringComparison.Ordinal)
            && m.Contains("another active domain of that data center master", StringComparison.Ordinal));
        var preflight = run.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "preflight");
        Assert.StartsWith("plan 'core-only' (plans version 1): 2 domains: primary_master_storage, scsi_domain;", preflight.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanRun_GroupsNoLongerMapped_PreflightStopsTheRun()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-only", ""));

        // A later mapping version that no longer maps the group's domains.
        var mappings = _console.Factory.Services.GetRequiredService<IMappingStore>();
        var active = (await mappings.GetActiveAsync())!.Mapping;
        await mappings.SaveAsync(active with { ImportStorages = [.. active.ImportStorages.Where(s => !PlanRunConsole.AppsDomains.Contains(s.Side(MappingSide.Primary).Name))] },
            [], "test", "drop the apps domains");

        using var response = await _console.Http.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned", plan = "apps-only" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed", $"run {id} to end", PlanRunConsole.RunTimeout);

        Assert.Equal("failed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("Plan 'apps-only': its protection groups (apps) have no storage domain", run.GetProperty("run").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "import-domains" && s.GetProperty("status").GetString() != "pending");
    }

    [Fact]
    public async Task PostRun_UnknownPlan_Returns400NamingItAndTheKnownPlans()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-only", ""));

        using var response = await _console.Http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "planned", plan = "payments" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("'payments'", detail, StringComparison.Ordinal);
        Assert.Contains("apps-only", detail, StringComparison.Ordinal);
        Assert.Empty((await _console.Http.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray());
    }

    [Fact]
    public async Task PostRun_PlanOnlyInADraft_Returns400SayingTheVersionIsADraft()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-only", ""));
        using (var draft = await _console.Http.PutAsync("/api/plans", new StringContent(PlanRunConsole.AppsPlans("later", """
              vms:
              - name: "no-such-vm"
                priority: 1
            """), Encoding.UTF8, "application/yaml")))
        {
            Assert.True((await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isDraft").GetBoolean());
        }

        using var response = await _console.Http.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned", plan = "later" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("only a draft", detail, StringComparison.Ordinal);
        Assert.Contains("apps-only", detail, StringComparison.Ordinal);
    }

    private static void AssertReplicatingFromPrimary(IEnumerable<KeyValuePair<string, JsonElement>> pairs)
    {
        foreach (var (name, pair) in pairs)
        {
            Assert.True(pair.GetProperty("sourceSite").GetString() == "primary" && pair.GetProperty("state").GetString() == "replicating",
                $"{name}: {pair.GetProperty("state").GetString()} from {pair.GetProperty("sourceSite").GetString()}");
        }
    }

    private async Task<Dictionary<string, JsonElement>> PairsAsync() =>
        (await _console.Http.GetFromJsonAsync<JsonElement>("/api/lab/array/pairs")).EnumerateArray()
            .ToDictionary(p => p.GetProperty("domainName").GetString()!, p => p.Clone());

    private async Task<Dictionary<string, VmStatus?>> VmsAsync(string site)
    {
        var client = await _console.Factory.Services.GetRequiredService<IEngineClientFactory>().GetClientAsync(site);
        return (await client.GetVmsAsync(false)).Where(v => v.Id is not null).ToDictionary(v => v.Id!, v => v.StatusValue);
    }
}
