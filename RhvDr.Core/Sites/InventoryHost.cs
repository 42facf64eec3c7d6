using System.Text.Json.Serialization;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Sites;

/// <summary>A hypervisor host as the engine reports it.</summary>
public sealed record InventoryHost(
    [property: JsonPropertyOrder(-2)] string Id,
    [property: JsonPropertyOrder(-2)] string Name,
    [property: JsonIgnore] HostStatus State,
    string? Address,
    string? ClusterName,
    string? DataCenterName,
    bool IsSpm,
    bool PowerManagementEnabled,
    long MemoryBytes,
    int Cpus,
    int VmsRunning,
    string? SiteLabel,
    int SpmPriority = 5)
{
    /// <summary>The engine's word for <see cref="State"/> (<c>up</c>, <c>non_responsive</c>, ...), as pages and the API show it;
    /// the JSON keeps it where the API has always sent it.</summary>
    [JsonPropertyOrder(-1)]
    public string Status => EngineStatusWords.ToWord(State);

    public HealthLevel Health => HealthRules.ForHost(State);
}
