using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Recovery;

/// <summary>What the tests assert on, read from a site's engine through the real client.</summary>
internal static class EngineState
{
    public static async Task<HashSet<string>> RunningVmIdsAsync(IEngineClient client) =>
        [.. (await client.GetVmsAsync()).Where(v => v.Status is not ("down" or null)).Select(v => v.Id!)];

    public static async Task<Dictionary<string, string?>> AttachedDomainStatusAsync(IEngineClient client)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var dc in await client.GetDataCentersAsync())
        {
            foreach (var domain in await client.GetAttachedStorageDomainsAsync(dc.Id!))
            {
                result[domain.Name!] = domain.Status;
            }
        }

        return result;
    }

    /// <summary>How many times each VM was started (engine events "VM X started on Host"), by VM id.</summary>
    public static async Task<Dictionary<string, int>> StartCountsAsync(IEngineClient client) =>
        (await client.GetEventsAsync(0))
            .Where(e => e.Code == 32 && e.Vm?.Id is not null)
            .GroupBy(e => e.Vm!.Id!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
