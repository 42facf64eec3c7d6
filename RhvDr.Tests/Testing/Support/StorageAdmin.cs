using System.Net.Http.Json;
using System.Text.Json;

namespace RhvDr.Tests.Support;

/// <summary>What a storage admin does on the lab's array when a run with manual replication asks: one call per pair and action.</summary>
public sealed class StorageAdmin(HttpClient arrayHttp)
{
    /// <summary>The replication pairs: domain name → (id, state, source site, target site, test copy).</summary>
    public async Task<IReadOnlyDictionary<string, (string Id, string State, string Source, string Target, bool TestCopy)>> PairsAsync()
    {
        var pairs = await arrayHttp.GetFromJsonAsync<JsonElement>("lab/array/pairs");
        return pairs.EnumerateArray().ToDictionary(
            p => p.GetProperty("domainName").GetString()!,
            p => (p.GetProperty("id").GetString()!, p.GetProperty("state").GetString()!, p.GetProperty("sourceSite").GetString()!,
                p.GetProperty("targetSite").GetString()!, p.GetProperty("testCopy").GetBoolean()));
    }

    /// <summary>Applies <paramref name="actions"/>, in order, to the pair of each named domain.</summary>
    public async Task ApplyAsync(IEnumerable<string> domains, params string[] actions)
    {
        var pairs = await PairsAsync();
        foreach (var domain in domains)
        {
            foreach (var action in actions)
            {
                using var response = await arrayHttp.PostAsync($"lab/array/pairs/{pairs[domain].Id}/{action}", null);
                Assert.True(response.IsSuccessStatusCode, $"array {action} on {domain}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
