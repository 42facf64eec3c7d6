using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>A hypervisor host.</summary>
public sealed record OvirtHost
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    /// <summary><see cref="Status"/> as a value (see <see cref="EngineStatusWords"/>); null when the engine sent none.</summary>
    [JsonIgnore]
    public HostStatus? StatusValue => EngineStatusWords.ParseOptional<HostStatus>(Status);

    public string? ExternalStatus { get; init; }

    public string? Address { get; init; }

    public OvirtRef? Cluster { get; init; }

    public OvirtSpm? Spm { get; init; }

    public OvirtPowerManagement? PowerManagement { get; init; }

    public long? Memory { get; init; }

    public OvirtCpu? Cpu { get; init; }

    public OvirtVmSummary? Summary { get; init; }
}
