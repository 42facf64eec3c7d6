using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Plans;

/// <summary>A VM as re-IP reads it from an engine: its OS type, its guest interfaces and the DNS servers its own initialization sets.</summary>
public sealed record ReIpGuest(string VmId, string VmName, string? OsType, IReadOnlyList<ReIpGuestNic> Nics, IReadOnlyList<string> ConfiguredDns)
{
    /// <summary>
    /// The guest interfaces of a VM read with <c>follow=reported_devices</c>: those its initialization names and those its agent
    /// reports, by name, in that order.
    /// </summary>
    public static ReIpGuest From(OvirtVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var configured = vm.Initialization?.NicConfigurations?.Where(c => c.Name is not null).ToList() ?? [];
        var reported = vm.ReportedDevices?.Where(d => d.Name is not null && (d.Type is null || string.Equals(d.Type, "network", StringComparison.Ordinal))).ToList() ?? [];
        var names = configured.Select(c => c.Name!).Concat(reported.Select(d => d.Name!)).Distinct(StringComparer.Ordinal);
        var nics = names.Select(name =>
        {
            var config = configured.Find(c => string.Equals(c.Name, name, StringComparison.Ordinal));
            var device = reported.Find(d => string.Equals(d.Name, name, StringComparison.Ordinal));
            var address = device?.Ips?.Select(i => i.Address).FirstOrDefault(a => a is not null && !a.Contains(':', StringComparison.Ordinal))
                ?? device?.Ips?.Select(i => i.Address).FirstOrDefault(a => a is not null);
            return new ReIpGuestNic(name, config?.Ip?.Address, config?.Ip?.Gateway, address);
        }).ToList();
        var dns = (vm.Initialization?.DnsServers ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ReIpGuest(vm.Id ?? "", vm.Name ?? vm.Id ?? "", vm.Os?.Type, nics, dns);
    }

    /// <summary>VMs with their own initialization and their agents' reports (<c>follow=reported_devices</c>): all, or by id in batches of 64.</summary>
    public static async Task<IReadOnlyList<ReIpGuest>> ReadAsync(IEngineClient client, IReadOnlyCollection<string>? ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        const string path = "vms?follow=reported_devices";
        if (ids is null)
        {
            return [.. (await client.GetListAsync<OvirtVm>(path, ct).ConfigureAwait(false)).Select(From)];
        }

        var found = await Task.WhenAll(ids.Chunk(64).Select(chunk =>
            client.SearchAsync<OvirtVm>(path, string.Join(" or ", chunk.Select(id => $"id={id}")), ct))).ConfigureAwait(false);
        return [.. found.SelectMany(v => v).Select(From)];
    }

    /// <summary>Windows guests have no cloud-init (the engine initializes them with sysprep, which re-IP does not use).</summary>
    public bool SupportsCloudInit => HasCloudInit(OsType);

    /// <summary>Whether a guest of engine OS type <paramref name="osType"/> can take a new address through cloud-init: not Windows.</summary>
    public static bool HasCloudInit(string? osType) => osType is null || !osType.StartsWith("windows", StringComparison.OrdinalIgnoreCase);
}
