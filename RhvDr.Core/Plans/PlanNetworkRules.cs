using System.Net;
using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>The rules of a plan's re-IP: subnets in CIDR, addresses inside the recovery subnet, networks the mapping maps.</summary>
internal static class PlanNetworkRules
{
    public static void Check(RecoveryPlanDefinition plan, string planKey, DrMapping? mapping, PlanScope? scope, MappingFindingSink sink)
    {
        var mappedNetworks = mapping?.Networks.Select(n => n.Primary.NetworkName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var networks = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < plan.ReIp.Count; r++)
        {
            var rule = plan.ReIp[r];
            var key = $"{planKey}.re_ip[{r}]";
            if (!networks.Add(rule.Network))
            {
                sink.Error(PlanFindingCodes.ReIpNetworkDuplicate, $"{key}.network",
                    $"Plan '{plan.Name}' has two re-IP rules for network '{rule.Network}'.", "Keep one rule per network.");
            }
            else if (mappedNetworks is not null && !mappedNetworks.Contains(rule.Network))
            {
                sink.Error(PlanFindingCodes.ReIpNetworkUnmapped, $"{key}.network",
                    $"Re-IP rule {r} of plan '{plan.Name}' is for network '{rule.Network}', which the active DR mapping does not map.",
                    $"Use a primary network name of the mapping ({string.Join(", ", mappedNetworks.Order(StringComparer.Ordinal))}).");
            }

            var primary = Subnet(rule.PrimarySubnet, $"{key}.primary_subnet", plan, sink);
            var recovery = Subnet(rule.RecoverySubnet, $"{key}.recovery_subnet", plan, sink);
            if (primary is { } p && recovery is { } q && (p.PrefixLength != q.PrefixLength || p.BaseAddress.AddressFamily != q.BaseAddress.AddressFamily))
            {
                sink.Error(PlanFindingCodes.ReIpPrefixMismatch, $"{key}.recovery_subnet",
                    $"Re-IP rule for '{rule.Network}' moves {p} to {q}: a VM keeps its host part only between subnets of the same size.",
                    $"Make the recovery subnet a /{p.PrefixLength} as well.");
            }

            if (rule.Gateway is { } gateway)
            {
                Address(gateway, $"{key}.gateway", "gateway", recovery, plan, rule, sink);
            }

            for (var d = 0; d < rule.Dns.Count; d++)
            {
                // DNS servers may sit in any subnet; they only have to be addresses.
                Address(rule.Dns[d], $"{key}.dns[{d}]", "DNS server", null, plan, rule, sink);
            }

            for (var a = 0; a < rule.Addresses.Count; a++)
            {
                var entry = rule.Addresses[a];
                var entryKey = $"{key}.addresses[{a}]";
                if (scope?.Vms is { } vms && !vms.Contains(entry.Vm))
                {
                    sink.Error(PlanFindingCodes.ReIpVmUnknown, $"{entryKey}.vm",
                        $"Re-IP rule for '{rule.Network}' gives an address to '{entry.Vm}', which is not a VM of plan '{plan.Name}'.",
                        "Name a VM on the plan's storage domains (case-sensitive).");
                }

                Address(entry.Address, $"{entryKey}.address", $"address of '{entry.Vm}'", recovery, plan, rule, sink);
            }
        }
    }

    /// <summary>
    /// The guests a plan's re-IP cannot reach: a VM the plan starts (not <c>skip</c>) with a NIC on a rule's network, or an explicit
    /// address on a rule, whose OS has no cloud-init (Windows). The run's preflight refuses such a VM unless overridden with a
    /// reason, so saving says so first. One warning per rule, naming its VMs.
    /// </summary>
    public static void CheckGuests(RecoveryPlanDefinition plan, string planKey, PlanScope? scope, PlanEstate? estate, MappingFindingSink sink)
    {
        if (plan.ReIp.Count == 0 || scope?.Vms is not { } planVms || estate is null)
        {
            return;
        }

        var guests = estate.Vms
            .Where(v => planVms.Contains(v.Name) && !ReIpGuest.HasCloudInit(v.OsType) && plan.FindVm(v.Name)?.Skip != true)
            .ToList();
        for (var r = 0; r < plan.ReIp.Count; r++)
        {
            var rule = plan.ReIp[r];
            var refused = guests
                .Where(v => v.Networks?.Contains(rule.Network, StringComparer.Ordinal) == true || rule.Addresses.Any(a => string.Equals(a.Vm, v.Name, StringComparison.Ordinal)))
                .OrderBy(v => v.Name, StringComparer.Ordinal)
                .ToList();
            if (refused.Count == 0)
            {
                continue;
            }

            var named = string.Join(", ", refused.Take(10).Select(v => $"{v.Name} ({v.OsType})"));
            var more = refused.Count > 10 ? $" and {refused.Count - 10} more" : "";
            sink.Warning(PlanFindingCodes.ReIpNoCloudInit, $"{planKey}.re_ip[{r}].network",
                $"Re-IP rule for '{rule.Network}' of plan '{plan.Name}' reaches {refused.Count} VM(s) without cloud-init: {named}{more}. Their addresses cannot be changed at start (sysprep is not supported), so a run's preflight refuses them.",
                $"Take them off network '{rule.Network}' (or remove their explicit addresses from the rule), mark them skip: true in the plan's vms, or start the run with an override and a reason and set their addresses by hand after they start.");
        }
    }

    private static IPNetwork? Subnet(string text, string key, RecoveryPlanDefinition plan, MappingFindingSink sink)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var written = slash > 0 && IPAddress.TryParse(text[..slash], out var address) ? address : null;
        if (IPNetwork.TryParse(text, out var network) && network.BaseAddress.Equals(written))
        {
            return network;
        }

        // 10.10.100.5/24 names a host, not a subnet: keeping host parts from it would be ambiguous.
        var hint = written is not null && slash > 0 ? " (the address part must be the subnet's first address, with no host bits set)" : string.Empty;
        sink.Error(PlanFindingCodes.ReIpBadSubnet, key,
            $"'{text}' in plan '{plan.Name}' is not a subnet in CIDR notation{hint}.",
            "Write the subnet as address/prefix, e.g. \"10.20.100.0/24\".");
        return null;
    }

    private static void Address(string text, string key, string what, IPNetwork? within, RecoveryPlanDefinition plan, ReIpRule rule, MappingFindingSink sink)
    {
        if (!IPAddress.TryParse(text, out var address) || text.Contains('/', StringComparison.Ordinal))
        {
            sink.Error(PlanFindingCodes.ReIpBadAddress, key,
                $"The {what} '{text}' in the re-IP rule for '{rule.Network}' of plan '{plan.Name}' is not an IP address.",
                "Write a single address such as \"10.20.100.1\".");
        }
        else if (within is { } subnet && !subnet.Contains(address))
        {
            sink.Error(PlanFindingCodes.ReIpBadAddress, key,
                $"The {what} {text} in the re-IP rule for '{rule.Network}' of plan '{plan.Name}' is outside the recovery subnet {subnet}.",
                $"Use an address in {subnet}.");
        }
    }
}
