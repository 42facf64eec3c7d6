using System.Globalization;
using System.Net;

namespace RhvDr.Core.Plans;

/// <summary>
/// The address arithmetic of a plan's re-IP rules and the rows it gives: which guest interface of which VM moves from which
/// address to which, and why a row cannot be applied (a Windows guest, an address nobody reports, subnets of different sizes).
/// </summary>
public static class ReIpAddressing
{
    /// <summary>
    /// <paramref name="address"/> moved from <paramref name="from"/> to <paramref name="to"/> keeping its host part; null when it
    /// is not in <paramref name="from"/> or the subnets differ in size or family.
    /// </summary>
    public static IPAddress? KeepHostPart(IPAddress address, IPNetwork from, IPNetwork to)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (from.PrefixLength != to.PrefixLength || from.BaseAddress.AddressFamily != to.BaseAddress.AddressFamily || !from.Contains(address))
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        var target = to.BaseAddress.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var networkBits = Math.Clamp(to.PrefixLength - (i * 8), 0, 8);
            var mask = (byte)(0xFF << (8 - networkBits));
            bytes[i] = (byte)((target[i] & mask) | (bytes[i] & ~mask));
        }

        return new IPAddress(bytes);
    }

    /// <summary>The dotted netmask of an IPv4 prefix length (24 → 255.255.255.0); the prefix length itself for IPv6.</summary>
    public static string Netmask(IPNetwork network)
    {
        if (network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return network.PrefixLength.ToString(CultureInfo.InvariantCulture);
        }

        var mask = network.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - network.PrefixLength);
        return string.Join('.', new[] { mask >> 24, (mask >> 16) & 0xFF, (mask >> 8) & 0xFF, mask & 0xFF }.Select(b => b.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>What the preview and preflight say about a guest without cloud-init on a rule's network.</summary>
    public static string WindowsFinding(string vm, string? osType, string network) =>
        $"VM '{vm}' ({osType}) has no cloud-init, so its address on '{network}' cannot be changed at start (sysprep is not supported). " +
        "Remove it from the rule's network (or from the plan), or set its address by hand after it starts.";

    /// <summary>
    /// Every row of <paramref name="plan"/>'s re-IP rules for <paramref name="guests"/>. To the recovery site a guest interface
    /// whose address (its own initialization's, else its agent's) is in a rule's primary subnet gets the VM's explicit address
    /// or the same host part in the recovery subnet; back to the primary one in the recovery subnet gets the address its own
    /// initialization gives it, or the same host part in the primary subnet.
    /// </summary>
    public static IReadOnlyList<ReIpRow> Rows(RecoveryPlanDefinition plan, IEnumerable<ReIpGuest> guests, ReIpDirection direction)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(guests);
        var rules = plan.ReIp
            .Select(r => (Rule: r, Primary: Subnet(r.PrimarySubnet), Recovery: Subnet(r.RecoverySubnet)))
            .Where(r => r.Primary is not null && r.Recovery is not null)
            .Select(r => (r.Rule, Primary: r.Primary!.Value, Recovery: r.Recovery!.Value))
            .ToList();
        var rows = new List<ReIpRow>();
        foreach (var guest in guests.OrderBy(g => g.VmName, StringComparer.Ordinal))
        {
            foreach (var (rule, primary, recovery) in rules)
            {
                rows.AddRange(RowsOf(guest, rule, primary, recovery, direction));
            }
        }

        return rows;
    }

    private static IEnumerable<ReIpRow> RowsOf(ReIpGuest guest, ReIpRule rule, IPNetwork primary, IPNetwork recovery, ReIpDirection direction)
    {
        var toRecovery = direction == ReIpDirection.ToRecovery;
        var (from, to) = toRecovery ? (primary, recovery) : (recovery, primary);
        var named = rule.Addresses.FirstOrDefault(a => string.Equals(a.Vm, guest.VmName, StringComparison.Ordinal))?.Address;
        var windows = guest.SupportsCloudInit ? null : WindowsFinding(guest.VmName, guest.OsType, rule.Network);
        var netmask = Netmask(to);

        // The address each guest interface has now: to the recovery site the one it is configured with (or reports); back
        // from it, the one it reports (or the one the failover gave it, worked out from its configuration).
        string? Current(ReIpGuestNic nic) => toRecovery
            ? nic.Configured ?? nic.Reported
            : nic.Reported ?? (Parse(nic.Configured) is { } configured && primary.Contains(configured) ? named ?? KeepHostPart(configured, primary, recovery)?.ToString() : null);

        var matched = guest.Nics.Select(n => (Nic: n, Current: Current(n))).Where(n => Parse(n.Current) is { } a && from.Contains(a)).ToList();
        if (matched.Count == 0)
        {
            if (named is not null || guest.Nics.All(n => Current(n) is null))
            {
                var unknown = $"The address of VM '{guest.VmName}' is not known: the engine has no cloud-init initialization naming it and no guest agent report. " +
                    "It starts with the address it has; check that its guest agent runs (or give it an initialization), or set its address by hand after it starts.";
                yield return new ReIpRow(guest.VmName, rule.Network, null, null, toRecovery ? named : null, netmask,
                    toRecovery ? rule.Gateway : null, toRecovery ? [.. rule.Dns] : guest.ConfiguredDns, windows ?? unknown) { NoCloudInit = windows is not null && named is not null };
            }

            yield break;
        }

        for (var i = 0; i < matched.Count; i++)
        {
            var (nic, current) = matched[i];
            var old = Parse(current)!;
            string? address;
            string? finding = null;
            if (toRecovery)
            {
                address = i == 0 && named is not null ? named : KeepHostPart(old, from, to)?.ToString();
                if (address is null)
                {
                    finding = $"Rule for '{rule.Network}' moves {from} to {to}: subnets of different sizes cannot keep the host part of {current}. Give '{guest.VmName}' an explicit address, or make the subnets the same size.";
                }
            }
            else
            {
                address = Parse(nic.Configured) is { } original && primary.Contains(original) ? nic.Configured
                    : named is null ? KeepHostPart(old, from, to)?.ToString() : null;
                if (address is null)
                {
                    finding = $"The primary address of '{guest.VmName}' on '{rule.Network}' is not known (it had an explicit recovery address and no initialization of its own). Set its address by hand after it starts.";
                }
            }

            var gateway = toRecovery ? rule.Gateway : nic.ConfiguredGateway;
            var dns = toRecovery ? (IReadOnlyList<string>)[.. rule.Dns] : guest.ConfiguredDns;
            yield return new ReIpRow(guest.VmName, rule.Network, nic.Nic, current, address, netmask, gateway, dns, windows ?? finding) { NoCloudInit = windows is not null };
        }
    }

    /// <summary>
    /// The body of <c>POST /vms/{id}/start</c> that applies <paramref name="rows"/> (one VM's applicable rows) with cloud-init:
    /// <c>use_cloud_init</c> and <c>vm.initialization</c> with a static <c>nic_configuration</c> per guest interface and the DNS servers.
    /// </summary>
    public static Dictionary<string, object?> StartBody(IReadOnlyList<ReIpRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var initialization = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["nic_configurations"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["nic_configuration"] = rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = r.Nic,
                    ["boot_protocol"] = "static",
                    ["on_boot"] = true,
                    ["ip"] = r.Gateway is null
                        ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["address"] = r.New, ["netmask"] = r.Netmask }
                        : new Dictionary<string, object?>(StringComparer.Ordinal) { ["address"] = r.New, ["netmask"] = r.Netmask, ["gateway"] = r.Gateway },
                }).ToList(),
            },
        };
        var dns = rows.SelectMany(r => r.Dns).Distinct(StringComparer.Ordinal).ToList();
        if (dns.Count > 0)
        {
            initialization["dns_servers"] = string.Join(' ', dns);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["use_cloud_init"] = true,
            ["vm"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["initialization"] = initialization },
        };
    }

    private static IPNetwork? Subnet(string text) => IPNetwork.TryParse(text, out var network) ? network : null;

    private static IPAddress? Parse(string? text) => text is not null && IPAddress.TryParse(text, out var address) ? address : null;
}
