using System.Net;
using System.Net.Sockets;
using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>
/// The start action's cloud-init: <c>use_cloud_init</c> and <c>vm.initialization</c> (<c>nic_configurations</c> of name,
/// <c>boot_protocol</c>, <c>ip</c> address/netmask/gateway and <c>on_boot</c>; <c>dns_servers</c> space-separated), checked
/// as the engine checks them. An initialization without <c>use_cloud_init</c> is ignored, as the engine does.
/// </summary>
public sealed partial class EngineApi
{
    private static readonly HashSet<string> BootProtocols = new(StringComparer.Ordinal) { "none", "dhcp", "static", "autoconf", "poly_dhcp_autoconf" };

    internal static SimInitialization? CloudInit(ResourceNode body)
    {
        if (body.BoolAt("use_cloud_init") != true || body.NodeAt("vm", "initialization") is not { } initialization)
        {
            return null;
        }

        var nics = new List<SimNicConfiguration>();
        var configurations = initialization.Child("nic_configurations")?.ChildrenNamed("nic_configuration").ToList() ?? [];
        for (var i = 0; i < configurations.Count; i++)
        {
            var nic = configurations[i];
            var where = $"vm.initialization.nic_configurations[{i}]";
            var name = nic.TextAt("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                throw Invalid($"{where}.name is required: the guest's interface name, such as eth0");
            }

            var protocol = nic.TextAt("boot_protocol") ?? "none";
            if (!BootProtocols.Contains(protocol))
            {
                throw Invalid($"{where}.boot_protocol '{protocol}' of {name} is not one of none, dhcp, static, autoconf, poly_dhcp_autoconf");
            }

            var address = Ipv4(nic.TextAt("ip", "address"), $"{where}.ip.address", name);
            var netmask = Ipv4(nic.TextAt("ip", "netmask"), $"{where}.ip.netmask", name);
            var gateway = Ipv4(nic.TextAt("ip", "gateway"), $"{where}.ip.gateway", name);
            if (protocol == "static" && (address is null || netmask is null))
            {
                throw Invalid($"{where} of {name} has boot_protocol static but no ip.address and ip.netmask");
            }

            nics.Add(new SimNicConfiguration(name, protocol, address, netmask, gateway, nic.BoolAt("on_boot") ?? false));
        }

        var dns = initialization.TextAt("dns_servers");
        foreach (var server in (dns ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IPAddress.TryParse(server, out _))
            {
                throw Invalid($"vm.initialization.dns_servers holds '{server}', which is not an IP address (list addresses separated by spaces)");
            }
        }

        return new SimInitialization(nics, dns);
    }

    private static string? Ipv4(string? text, string where, string nic)
    {
        if (text is null)
        {
            return null;
        }

        return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3
            ? text
            : throw Invalid($"{where} of {nic} is '{text}', which is not an IPv4 address");
    }

    private static EngineFaultException Invalid(string detail) => EngineFaultException.BadRequest($"Cannot run VM. Invalid initialization: {detail}");
}
