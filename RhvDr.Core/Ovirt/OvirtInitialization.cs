namespace RhvDr.Core.Ovirt;

/// <summary>A VM's cloud-init initialization, as far as re-IP reads it: the guest interfaces and the DNS servers (space-separated).</summary>
public sealed record OvirtInitialization
{
    public OvirtCollection<OvirtNicConfiguration>? NicConfigurations { get; init; }

    public string? DnsServers { get; init; }
}
