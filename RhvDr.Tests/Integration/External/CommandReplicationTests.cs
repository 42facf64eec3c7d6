using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Core.Replication;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// Runs with <c>Replication=command</c> driving the lab's array through the script shipped as the template for a storage
/// integration (<c>examples/replication/lab-array.sh</c>), over HTTPS with the lab's CA, exactly as the README configures it.
/// </summary>
public sealed class CommandReplicationTests
{
    [Fact]
    public async Task PlannedFailoverThenFailback_LabArrayScript_NoPromptsScriptOutputInTheLogVmsRunWhereTheyShould()
    {
        await using var scene = await RunScene.StartAsync("command", lab => CommandSettings(lab.ControlUrl.AbsoluteUri, lab.CaFile, lab.ControlToken));
        var (console, admin, primary, recovery, runningBefore) = (scene.Console, scene.Admin, scene.Primary, scene.Recovery, scene.RunningBefore);

        var failover = await console.StartRunAsync(new { kind = "failover", mode = "planned" });
        var run = await console.WaitForSuccessAsync(failover);

        var log = run.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();
        Assert.Contains(log, l => l.StartsWith("failover: promote ", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("sync: sync ", StringComparison.Ordinal));
        RunAssert.Recovered(run, runningBefore, await recovery.VmStatusesAsync());
        Assert.All((await admin.PairsAsync()).Values, p => Assert.Equal(("promoted", "recovery"), (p.State, p.Target)));

        var failback = await console.StartRunAsync(new { kind = "failback", mode = "planned" });
        await console.WaitForSuccessAsync(failback);

        var atPrimary = await primary.VmStatusesAsync();
        Assert.All(runningBefore, vm => Assert.True(atPrimary.GetValueOrDefault(vm) == "up", $"{vm} is {atPrimary.GetValueOrDefault(vm) ?? "missing"} at primary after failback"));
        Assert.All((await admin.PairsAsync()).Values, p => Assert.Equal(("replicating", "primary", "recovery"), (p.State, p.Source, p.Target)));
    }

    [Fact]
    public async Task TestFailover_ScriptCannotReachTheArray_StepFailsWithExitCodeAndStderrAndProductionUntouched()
    {
        // The array's CA is not given: curl refuses the lab's certificate, as it would a real array's behind an unknown CA.
        await using var scene = await RunScene.StartAsync("command", lab => CommandSettings(lab.ControlUrl.AbsoluteUri, caFile: null, lab.ControlToken));
        var (console, primary, runningBefore) = (scene.Console, scene.Primary, scene.RunningBefore);

        var test = await console.StartRunAsync(new { kind = "test", mode = "planned" });
        var run = await console.WaitForEndAsync(test);

        Assert.Equal("failed", run.GetProperty("run").GetProperty("status").GetString());
        var error = run.GetProperty("run").GetProperty("error").GetString()!;
        Assert.Contains("exited with code 4", error, StringComparison.Ordinal);
        Assert.Contains("the array has no replication pair for storage domain", error, StringComparison.Ordinal);
        Assert.Contains("certificate", error, StringComparison.OrdinalIgnoreCase);
        var failedStep = run.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "failed");
        Assert.Equal("test-copies", failedStep.GetProperty("name").GetString());
        Assert.Contains(run.GetProperty("log").EnumerateArray(), l =>
            l.GetProperty("level").GetString() == "warning" && l.GetProperty("message").GetString()!.StartsWith("testcopy: ", StringComparison.Ordinal));
        var production = await primary.VmStatusesAsync();
        Assert.All(runningBefore, vm => Assert.Equal("up", production[vm]));
        Assert.All((await scene.Admin.PairsAsync()).Values, p => Assert.False(p.TestCopy));
    }

    /// <summary>The README's command configuration: the script for every operation, the array's URL, CA and token in its environment.</summary>
    private static Dictionary<string, string?> CommandSettings(string arrayUrl, string? caFile, string token) => LabArrayScript.Settings(arrayUrl, caFile, token, ":");
}
