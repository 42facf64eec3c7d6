namespace RhvDr.Core.Ovirt;

/// <summary>A device the guest agent reports: for a network interface, its name in the guest, MAC and addresses.</summary>
public sealed record OvirtReportedDevice
{
    public string? Name { get; init; }

    public string? Type { get; init; }

    public OvirtMac? Mac { get; init; }

    public OvirtCollection<OvirtIp>? Ips { get; init; }
}
