using System.Text.Json.Serialization;

namespace RhvDr.Core.Ovirt;

/// <summary>A virtual machine.</summary>
public sealed record OvirtVm
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Status { get; init; }

    /// <summary><see cref="Status"/> as a value (see <see cref="EngineStatusWords"/>); null when the engine sent none.</summary>
    [JsonIgnore]
    public VmStatus? StatusValue => EngineStatusWords.ParseOptional<VmStatus>(Status);

    public OvirtRef? Host { get; init; }

    public OvirtRef? Cluster { get; init; }

    public OvirtRef? Template { get; init; }

    public OvirtHighAvailability? HighAvailability { get; init; }

    public OvirtVmLease? Lease { get; init; }

    public bool? DeleteProtected { get; init; }

    public long? Memory { get; init; }

    public OvirtCpu? Cpu { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public OvirtCollection<OvirtDiskAttachment>? DiskAttachments { get; init; }

    /// <summary>Present with <c>follow=nics</c>.</summary>
    public OvirtCollection<OvirtNic>? Nics { get; init; }

    public OvirtOperatingSystem? Os { get; init; }

    /// <summary>The guest's fully qualified name, as its guest agent reports it; absent while no agent reports.</summary>
    public string? Fqdn { get; init; }

    /// <summary>The VM's own cloud-init initialization (it travels in the OVF); null when it has none.</summary>
    public OvirtInitialization? Initialization { get; init; }

    /// <summary>What the guest agent reports; present with <c>follow=reported_devices</c> (empty while no agent reports).</summary>
    public OvirtCollection<OvirtReportedDevice>? ReportedDevices { get; init; }
}
