using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// How addresses on one network change at the recovery site: an address in <see cref="PrimarySubnet"/> moves to
/// <see cref="RecoverySubnet"/> keeping its host part (both subnets then have the same prefix length), unless
/// <see cref="Addresses"/> gives the VM an explicit recovery address. Gateway and DNS servers are the recovery site's.
/// </summary>
public sealed record ReIpRule
{
    /// <summary>The primary-side network name, as the mapping's network entries name it.</summary>
    public string Network { get; init; } = "";

    /// <summary>CIDR, e.g. <c>10.10.100.0/24</c>.</summary>
    public string PrimarySubnet { get; init; } = "";

    /// <summary>CIDR, e.g. <c>10.20.100.0/24</c>.</summary>
    public string RecoverySubnet { get; init; } = "";

    public string? Gateway { get; init; }

    public ValueList<string> Dns { get; init; } = ValueList<string>.Empty;

    public ValueList<ReIpAddress> Addresses { get; init; } = ValueList<ReIpAddress>.Empty;
}
