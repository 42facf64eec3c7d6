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
        await using var lab = await ExternalLab.StartAsync();
        await using var console = await ExternalConsole.StartAsync(lab, "manual");
        var admin = new StorageAdmin(lab.ControlHttp);
        var domains = (await admin.PairsAsync()).Keys.ToList();
        using var primary = new EngineProbe(lab.Primary, lab.CaFile);
        using var recovery = new EngineProbe(lab.Recovery, lab.CaFile);
        var runningBefore = (await primary.VmStatusesAsync()).Where(v => v.Value == "up").Select(v => v.Key).ToHashSet();
        Assert.NotEmpty(runningBefore);

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
