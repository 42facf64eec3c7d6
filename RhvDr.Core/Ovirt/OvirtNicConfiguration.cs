namespace RhvDr.Core.Ovirt;

/// <summary>One guest interface of a cloud-init initialization: its name in the guest (<c>eth0</c>), boot protocol and static address.</summary>
public sealed record OvirtNicConfiguration
{
    public string? Name { get; init; }

    public string? BootProtocol { get; init; }

    public OvirtIp? Ip { get; init; }

    public bool? OnBoot { get; init; }
}
