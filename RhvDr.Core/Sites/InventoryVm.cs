using System.Text.Json.Serialization;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Sites;

/// <summary>A virtual machine as the engine reports it; <see cref="AffinityLabels"/> give its home site in Active/Active.</summary>
public sealed record InventoryVm(
    [property: JsonPropertyOrder(-2)] string Id,
    [property: JsonPropertyOrder(-2)] string Name,
    [property: JsonIgnore] VmStatus State,
    string? HostName,
    string? ClusterName,
    bool HighlyAvailable,
    int HaPriority,
    bool HasLease,
    bool DeleteProtected,
    long MemoryBytes,
    int Cpus,
    string? TemplateName,
    IReadOnlyList<string> StorageDomainNames,
    IReadOnlyList<string>? AffinityLabels = null)
{
    /// <summary>The engine's word for <see cref="State"/> (<c>up</c>, <c>powering_up</c>, ...), as pages and the API show it;
    /// the JSON keeps it where the API has always sent it.</summary>
    [JsonPropertyOrder(-1)]
    public string Status => EngineStatusWords.ToWord(State);

    public HealthLevel Health => HealthRules.ForVm(State);

    /// <summary>When the engine created the VM (<c>creation_time</c>); null when the engine does not say.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the VM's definition last changed, where the engine reports it; null otherwise (readiness falls back to <see cref="CreatedAt"/>).</summary>
    public DateTimeOffset? LastChangedAt { get; init; }

    /// <summary>The engine's operating system type (<c>os.type</c>: <c>rhel_8x64</c>, <c>windows_2019x64</c>); null when it does not say.</summary>
    public string? OsType { get; init; }

    /// <summary>
    /// The guest's name as its guest agent reported it (<c>fqdn</c>); null when no agent reports. A running VM without one
    /// will not be verified by its agent after a failover either, so a plan run starts it early in its priority group.
    /// </summary>
    public string? GuestFqdn { get; init; }

    /// <summary>The logical networks of the VM's NICs (through their vNIC profiles), by name; null when the read did not include NICs.</summary>
    public IReadOnlyList<string>? NetworkNames { get; init; }

    public bool IsRunning => IsRunningStatus(State);

    /// <summary>Whether a VM in engine status <paramref name="status"/> runs (or is on its way down from running).</summary>
    public static bool IsRunningStatus(VmStatus status) =>
        status is VmStatus.Up or VmStatus.PoweringUp or VmStatus.Migrating or VmStatus.RebootInProgress or VmStatus.PoweringDown;
}
