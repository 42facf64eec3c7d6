using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// Runs against engines the console does not own, over HTTPS, with <c>Replication=manual</c>: each run stops at every
/// storage prompt with its instructions; the test does what the storage admin would on the array, confirms, and the run
/// goes on. Outcomes are read from the engines themselves.
/// </summary>
public sealed class ManualReplicationTests
{
    [Fact]
    public async Task PlannedFailoverThenFailback_ManualStorage_EveryPromptAnsweredAndVmsRunWhereTheyShould()
    {
        await using var scene = await RunScene.StartAsync("manual");
        var (_, console, admin, domains, primary, recovery, runningBefore) =
            (scene.Lab, scene.Console, scene.Admin, scene.Domains, scene.Primary, scene.Recovery, scene.RunningBefore);

        var failover = await console.StartRunAsync(new { kind = "failover", mode = "planned" });
        AssertPrompt(await console.WaitForPromptAsync(failover), domains, "update the replicas", "from primary to recovery");
        await admin.ApplyAsync(domains, "sync");
        await console.ConfirmAsync(failover);
        AssertPrompt(await console.WaitForPromptAsync(failover), domains, "stop (split) replication primary → recovery", "promote the recovery copy", "demote the primary copy");
        await admin.ApplyAsync(domains, "demote", "split", "promote");
        await console.ConfirmAsync(failover);
        await console.WaitForSuccessAsync(failover);

        var atRecovery = await recovery.VmStatusesAsync();
        Assert.All(runningBefore, vm => Assert.True(atRecovery.GetValueOrDefault(vm) == "up", $"{vm} is {atRecovery.GetValueOrDefault(vm) ?? "missing"} at recovery"));
        Assert.DoesNotContain(await primary.VmStatusesAsync(), v => v.Value == "up" && runningBefore.Contains(v.Key));
        var attached = await recovery.AttachedDomainStatusesAsync();
        Assert.All(domains, d => Assert.Equal("active", attached.GetValueOrDefault(d)));

        var failback = await console.StartRunAsync(new { kind = "failback", mode = "planned" });
        AssertPrompt(await console.WaitForPromptAsync(failback), domains, "reverse replication so that recovery replicates to primary");
        await admin.ApplyAsync(domains, "reverse");
        await console.ConfirmAsync(failback);
        AssertPrompt(await console.WaitForPromptAsync(failback), domains, "update the replicas", "from recovery to primary");
        await admin.ApplyAsync(domains, "sync");
        await console.ConfirmAsync(failback);
        AssertPrompt(await console.WaitForPromptAsync(failback), domains, "stop (split) replication recovery → primary", "promote the primary copy");
        await admin.ApplyAsync(domains, "demote", "split", "promote");
        await console.ConfirmAsync(failback);
        AssertPrompt(await console.WaitForPromptAsync(failback), domains, "reverse replication so that primary replicates to recovery");
        await admin.ApplyAsync(domains, "reverse");
        await console.ConfirmAsync(failback);
        await console.WaitForSuccessAsync(failback);

        var atPrimary = await primary.VmStatusesAsync();
        Assert.All(runningBefore, vm => Assert.True(atPrimary.GetValueOrDefault(vm) == "up", $"{vm} is {atPrimary.GetValueOrDefault(vm) ?? "missing"} at primary after failback"));
        var pairs = await admin.PairsAsync();
        Assert.All(domains, d => Assert.Equal(("primary", "recovery"), (pairs[d].Source, pairs[d].Target)));
    }

    [Fact]
    public async Task TestFailoverThenCleanup_ManualStorage_TestCopiesUsedAndRemovedWhileProductionRuns()
    {
        await using var scene = await RunScene.StartAsync("manual");
        var (_, console, admin, domains, primary, recovery, runningBefore) =
            (scene.Lab, scene.Console, scene.Admin, scene.Domains, scene.Primary, scene.Recovery, scene.RunningBefore);

        var test = await console.StartRunAsync(new { kind = "test", mode = "planned" });
        AssertPrompt(await console.WaitForPromptAsync(test), domains, "create a writeable snapshot (test copy)", "Keep replication from primary running");
        await admin.ApplyAsync(domains, "testcopy");
        await console.ConfirmAsync(test);
        var testRun = await console.WaitForSuccessAsync(test);

        RunAssert.Recovered(testRun, runningBefore, await recovery.VmStatusesAsync());
        var stillRunning = await primary.VmStatusesAsync();
        Assert.All(runningBefore, vm => Assert.Equal("up", stillRunning[vm]));
        Assert.All((await admin.PairsAsync()).Values, p => Assert.Equal("replicating", p.State));

        var cleanup = await console.StartRunAsync(new { kind = "cleanup", mode = "planned" });
        AssertPrompt(await console.WaitForPromptAsync(cleanup), domains, "remove the test copies");
        await admin.ApplyAsync(domains, "removetestcopy");
        await console.ConfirmAsync(cleanup);
        await console.WaitForSuccessAsync(cleanup);

        Assert.DoesNotContain(await recovery.VmStatusesAsync(), v => runningBefore.Contains(v.Key));
        Assert.All((await admin.PairsAsync()).Values, p => Assert.False(p.TestCopy));
        var production = await primary.VmStatusesAsync();
        Assert.All(runningBefore, vm => Assert.Equal("up", production[vm]));
    }

    [Fact]
    public async Task DisasterFailover_PrimaryDownManualStorage_PromptedToPromoteAtRecoveryOnlyAndVmsUp()
    {
        await using var scene = await RunScene.StartAsync("manual");
        var (lab, console, admin, domains, primary, recovery, runningBefore) =
            (scene.Lab, scene.Console, scene.Admin, scene.Domains, scene.Primary, scene.Recovery, scene.RunningBefore);

        await lab.Control.SetSiteDownAsync("primary");
        await WaitFor.ValueAsync(
            async () => await console.Http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            sites => sites.Any(s => s.GetProperty("name").GetString() == "primary" && !s.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "the console to see the primary engine gone");
        // No override: the lost primary's side of the mapping is checked against its last inventory.
        var failover = await console.StartRunAsync(new { kind = "failover", mode = "disaster", confirmSite = "primary" });
        AssertPrompt(await console.WaitForPromptAsync(failover), domains, "On the storage array at recovery", "promote the recovery copy", "Leave the primary array alone");
        await admin.ApplyAsync(domains, "split", "promote");
        await console.ConfirmAsync(failover);
        var disasterRun = await console.WaitForSuccessAsync(failover);

        RunAssert.Recovered(disasterRun, runningBefore, await recovery.VmStatusesAsync());
        var attached = await recovery.AttachedDomainStatusesAsync();
        Assert.All(domains, d => Assert.Equal("active", attached.GetValueOrDefault(d)));
    }

    private static void AssertPrompt(string prompt, IEnumerable<string> domains, params string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, prompt, StringComparison.Ordinal);
        }
        foreach (var domain in domains)
        {
            Assert.Contains(domain, prompt, StringComparison.Ordinal);
        }
        Assert.EndsWith("Then confirm.", prompt, StringComparison.Ordinal);
    }
}
