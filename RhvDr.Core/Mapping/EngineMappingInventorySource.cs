using System.Net;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Reads a site's <see cref="MappingInventory"/> through its engine client: the collections in parallel, then what hangs off
/// them (attached domains per data center, affinity groups per cluster, the LUNs one up host can see).
/// </summary>
public sealed class EngineMappingInventorySource(IEngineClientFactory clients) : IMappingInventorySource
{
    public async Task<MappingInventory> ReadAsync(string site, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        var client = await clients.GetClientAsync(site, cancellationToken).ConfigureAwait(false);

        var dataCentersTask = client.GetDataCentersAsync(cancellationToken);
        var clustersTask = client.GetClustersAsync(cancellationToken);
        var domainsTask = client.GetStorageDomainsAsync(cancellationToken);
        var hostsTask = client.GetHostsAsync(cancellationToken);
        var labelsTask = client.GetListAsync<OvirtAffinityLabel>("affinitylabels?follow=vms,hosts", cancellationToken);
        var networksTask = client.GetNetworksAsync(cancellationToken);
        var profilesTask = client.GetVnicProfilesAsync(cancellationToken);
        var vmsTask = client.GetListAsync<OvirtVm>("vms?follow=disk_attachments.disk,nics", cancellationToken);
        var aaaTask = OptionalAsync(client.GetListAsync<OvirtRef>("domains", cancellationToken));
        var rolesTask = OptionalAsync(client.GetListAsync<OvirtRef>("roles", cancellationToken));
        await Task.WhenAll(dataCentersTask, clustersTask, domainsTask, hostsTask, labelsTask, networksTask, profilesTask, vmsTask, aaaTask, rolesTask)
            .ConfigureAwait(false);

        var dataCenters = dataCentersTask.Result.Where(dc => dc.Id is not null && dc.Name is not null).ToList();
        var clusters = clustersTask.Result.Where(c => c.Id is not null && c.Name is not null).ToList();
        var dcNames = dataCenters.ToDictionary(dc => dc.Id!, dc => dc.Name!, StringComparer.Ordinal);

        var attachedTasks = dataCenters.Select(dc => client.GetAttachedStorageDomainsAsync(dc.Id!, cancellationToken)).ToList();
        var groupTasks = clusters.Select(c => client.GetAffinityGroupsAsync(c.Id!, cancellationToken)).ToList();
        var lunsTask = VisibleLunsAsync(client, hostsTask.Result, cancellationToken);
        var attachedAll = Task.WhenAll(attachedTasks);
        var groupsAll = Task.WhenAll(groupTasks);
        await Task.WhenAll(attachedAll, groupsAll, lunsTask).ConfigureAwait(false);
        var attachedByDataCenter = await attachedAll.ConfigureAwait(false);
        var groupsByCluster = await groupsAll.ConfigureAwait(false);

        var attached = new Dictionary<string, (string DataCenter, string? Status)>(StringComparer.Ordinal);
        for (var i = 0; i < dataCenters.Count; i++)
        {
            foreach (var domain in attachedByDataCenter[i].Where(d => d.Id is not null))
            {
                attached[domain.Id!] = (dataCenters[i].Name!, domain.Status);
            }
        }

        var clusterNames = clusters.ToDictionary(c => c.Id!, c => c.Name!, StringComparer.Ordinal);
        var groups = groupsByCluster.SelectMany((clusterGroups, i) => clusterGroups.Select(g => (Group: g, Cluster: clusters[i].Name!))).Where(g => g.Group.Name is not null).ToList();
        var labels = labelsTask.Result.Where(l => l.Name is not null).ToList();
        var networks = networksTask.Result.Where(n => n.Id is not null).ToDictionary(n => n.Id!, StringComparer.Ordinal);
        var profiles = profilesTask.Result
            .Where(p => p.Id is not null && p.Name is not null)
            .Select(p => ToProfile(p, networks, dcNames))
            .Where(p => p is not null)
            .Select(p => p!)
            .ToList();
        var profilesById = profiles.Where(p => p.ProfileId is not null).ToDictionary(p => p.ProfileId!, StringComparer.OrdinalIgnoreCase);
        var domains = domainsTask.Result.Where(d => d.Id is not null && d.Name is not null).Select(d => ToDomain(d, attached, dcNames)).ToList();
        var domainNames = domains.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var groupsByVm = NamesByVm(groups.Select(g => (g.Group.Name!, g.Group.Vms)));
        var labelsByVm = NamesByVm(labels.Select(l => (l.Name!, l.Vms)));
        var vms = vmsTask.Result.Where(vm => vm.Id is not null && vm.Name is not null)
            .Select(vm => ToVm(vm, clusterNames, domainNames, profilesById, groupsByVm, labelsByVm))
            .ToList();

        return new MappingInventory
        {
            DataCenters = [.. dataCenters.Select(dc => new MappingDataCenter(dc.Name!, dc.Version?.Compatibility))],
            Clusters = [.. clusters.Select(c => new MappingCluster(c.Name!, c.DataCenter?.Id is { } id ? dcNames.GetValueOrDefault(id) : null, c.Version?.Compatibility))],
            StorageDomains = domains,
            AffinityGroups = [.. groups.Select(g => new MappingAffinityGroup(g.Group.Name!, g.Cluster))],
            AffinityLabels = [.. labels.Select(l => l.Name!).Distinct(StringComparer.Ordinal)],
            AaaDomains = [.. aaaTask.Result.Select(d => d.Name).OfType<string>().Distinct(StringComparer.Ordinal)],
            Roles = [.. rolesTask.Result.Select(r => r.Name).OfType<string>().Distinct(StringComparer.Ordinal)],
            VnicProfiles = profiles,
            Luns = Luns(vmsTask.Result, lunsTask.Result),
            Vms = vms,
        };
    }

    private static MappingVnicProfile? ToProfile(OvirtVnicProfile profile, Dictionary<string, OvirtNetwork> networks, Dictionary<string, string> dcNames)
    {
        var network = profile.Network?.Id is { } id ? networks.GetValueOrDefault(id) : null;
        var networkName = network?.Name ?? profile.Network?.Name;
        if (networkName is null)
        {
            return null;
        }

        var dc = network?.DataCenter?.Id is { } dcId ? dcNames.GetValueOrDefault(dcId) : null;
        return new MappingVnicProfile(networkName, profile.Name!, profile.Id, dc);
    }

    private static MappingStorageDomain ToDomain(OvirtStorageDomain domain, Dictionary<string, (string DataCenter, string? Status)> attached, Dictionary<string, string> dcNames)
    {
        var units = domain.Storage?.VolumeGroup?.LogicalUnits ?? OvirtCollection<OvirtLogicalUnit>.Empty;
        string? dataCenter;
        string? status;
        if (attached.TryGetValue(domain.Id!, out var a))
        {
            (dataCenter, status) = a;
        }
        else
        {
            var dcId = domain.DataCenter?.Id ?? domain.DataCenters?.FirstOrDefault()?.Id;
            dataCenter = dcId is null ? null : dcNames.GetValueOrDefault(dcId);
            status = dataCenter is null ? EngineStatusWords.ToWord(StorageDomainStatus.Unattached) : domain.Status;
        }

        return new MappingStorageDomain(domain.Id!, domain.Name!, domain.Type ?? "data", domain.Storage?.Type ?? string.Empty, dataCenter, status)
        {
            IsMaster = domain.Master ?? false,
            Address = domain.Storage?.Address ?? units.Select(u => u.Address).FirstOrDefault(x => x is not null),
            Path = domain.Storage?.Path,
            Port = domain.Storage?.Port ?? units.Select(u => u.Port).FirstOrDefault(x => x is not null),
            Targets = [.. units.Select(u => u.Target).OfType<string>().Distinct(StringComparer.Ordinal)],
        };
    }

    private static MappingVm ToVm(
        OvirtVm vm,
        Dictionary<string, string> clusterNames,
        Dictionary<string, string> domainNames,
        Dictionary<string, MappingVnicProfile> profilesById,
        Dictionary<string, List<string>> groupsByVm,
        Dictionary<string, List<string>> labelsByVm)
    {
        var disks = (vm.DiskAttachments ?? OvirtCollection<OvirtDiskAttachment>.Empty).Select(a => a.Disk).OfType<OvirtDisk>().ToList();
        return new MappingVm(vm.Name!, vm.Cluster?.Id is { } clusterId ? clusterNames.GetValueOrDefault(clusterId) : vm.Cluster?.Name)
        {
            Status = vm.Status,
            StorageDomains = [.. disks
                .SelectMany(d => d.StorageDomains ?? OvirtCollection<OvirtRef>.Empty)
                .Select(r => r.Id is null ? r.Name : domainNames.GetValueOrDefault(r.Id) ?? r.Name)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)],
            VnicProfiles = [.. (vm.Nics ?? OvirtCollection<OvirtNic>.Empty)
                .Select(n => n.VnicProfile?.Id is { } id ? profilesById.GetValueOrDefault(id) : null)
                .OfType<MappingVnicProfile>()
                .Distinct()],
            AffinityGroups = groupsByVm.TryGetValue(vm.Id!, out var groups) ? groups : [],
            AffinityLabels = labelsByVm.TryGetValue(vm.Id!, out var labels) ? labels : [],
            LunIds = [.. disks.SelectMany(LunIds).Distinct(StringComparer.OrdinalIgnoreCase)],
            DeleteProtected = vm.DeleteProtected ?? false,
        };
    }

    /// <summary>
    /// Each VM's group (or label) names, distinct, in the order the engine listed them: one pass over every member list, so an
    /// estate of thousands of VMs in large groups is not scanned once per VM.
    /// </summary>
    private static Dictionary<string, List<string>> NamesByVm(IEnumerable<(string Name, OvirtCollection<OvirtRef>? Vms)> sets)
    {
        var byVm = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, vms) in sets)
        {
            foreach (var id in (vms ?? OvirtCollection<OvirtRef>.Empty).Select(r => r.Id).OfType<string>())
            {
                if (!byVm.TryGetValue(id, out var names))
                {
                    byVm[id] = names = [];
                }
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }
            }
        }
        return byVm;
    }

    private static IEnumerable<string> LunIds(OvirtDisk disk) =>
        (disk.LunStorage?.LogicalUnits ?? OvirtCollection<OvirtLogicalUnit>.Empty).Select(u => u.Id).OfType<string>();

    /// <summary>LUNs of direct LUN disks, described as the hosts see them, and free LUNs the hosts can see (replicas waiting to be mapped).</summary>
    private static List<MappingLun> Luns(IReadOnlyList<OvirtVm> vms, IReadOnlyList<OvirtHostStorage> hostStorage)
    {
        var visible = hostStorage
            .SelectMany(s => (s.LogicalUnits ?? OvirtCollection<OvirtLogicalUnit>.Empty).Select(u => (Unit: u, s.Type)))
            .Where(u => u.Unit.Id is not null)
            .GroupBy(u => u.Unit.Id!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, MappingLun>(StringComparer.OrdinalIgnoreCase);
        foreach (var disk in vms.SelectMany(vm => vm.DiskAttachments ?? OvirtCollection<OvirtDiskAttachment>.Empty).Select(a => a.Disk).OfType<OvirtDisk>())
        {
            foreach (var unit in (disk.LunStorage?.LogicalUnits ?? OvirtCollection<OvirtLogicalUnit>.Empty).Where(u => u.Id is not null))
            {
                var seen = visible.TryGetValue(unit.Id!, out var v) ? v.Unit : unit;
                result.TryAdd(unit.Id!, ToLun(unit.Id!, disk.LunStorage?.Type ?? v.Type, seen));
            }
        }

        foreach (var (id, (unit, type)) in visible)
        {
            if (unit.StorageDomainId is null)
            {
                result.TryAdd(id, ToLun(id, type, unit));
            }
        }

        return [.. result.Values];
    }

    private static MappingLun ToLun(string id, string? type, OvirtLogicalUnit unit) =>
        new(id, type, unit.Address, unit.Port, unit.Target) { Portal = unit.Portal };

    /// <summary>The LUNs the first up host sees; empty when no host is up or the engine does not list host storage.</summary>
    private static async Task<IReadOnlyList<OvirtHostStorage>> VisibleLunsAsync(IEngineClient client, IReadOnlyList<OvirtHost> hosts, CancellationToken cancellationToken)
    {
        var host = hosts.FirstOrDefault(h => h.Id is not null && h.StatusValue == HostStatus.Up);
        return host is null
            ? []
            : await OptionalAsync(client.GetListAsync<OvirtHostStorage>($"hosts/{Uri.EscapeDataString(host.Id!)}/storage", cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Collections an engine may refuse (not found, not permitted for this user) are read as empty rather than failing the whole read.</summary>
    private static async Task<IReadOnlyList<T>> OptionalAsync<T>(Task<IReadOnlyList<T>> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (OvirtFaultException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
        {
            return [];
        }
    }
}
