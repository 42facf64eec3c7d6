using System.Text.Json;

namespace RhvDr.Tests.External;

/// <summary>Assertions on a finished run against what the engines themselves report.</summary>
public static class RunAssert
{
    /// <summary>
    /// Every VM that ran at the primary is up at the recovery engine, unless the run reported it as missing from the replica's
    /// OVF store (created after the last OVF update: the data loss a real failover has) and the engine indeed has no such VM.
    /// </summary>
    public static void Recovered(JsonElement run, IReadOnlySet<string> runningBefore, IReadOnlyDictionary<string, string> atRecovery)
    {
        var notOnReplica = run.GetProperty("vms").EnumerateArray()
            .Where(v => v.GetProperty("failed").GetBoolean() && (v.GetProperty("reason").GetString() ?? "").Contains("is not in the OVF store", StringComparison.Ordinal))
            .Select(v => v.GetProperty("vmName").GetString()!)
            .ToHashSet();
        Assert.True(notOnReplica.Count < runningBefore.Count / 4, $"{notOnReplica.Count} of {runningBefore.Count} VMs were not on the replica");
        foreach (var vm in runningBefore)
        {
            if (notOnReplica.Contains(vm))
            {
                Assert.False(atRecovery.ContainsKey(vm), $"{vm} was reported missing from the replica but the recovery engine has it");
            }
            else
            {
                Assert.True(atRecovery.GetValueOrDefault(vm) == "up", $"{vm} is {atRecovery.GetValueOrDefault(vm) ?? "missing"} at recovery");
            }
        }
    }
}
