using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Re-reads only the objects engine events name and patches a site's inventory with them, mapped by the same code as a full read
/// (<see cref="SiteInventoryCollector"/>), so a patched object equals what a full read would show. Reads follow what one change
/// moves elsewhere: a VM's old and new host (their running-VM counts), every host on a host event (SPM moves with one event), the
/// VMs on a host an event names (they go unknown without events of their own), all domains on a domain event (the master flag
/// moves). Answers null when only a full read can tell: an unattributed event, an unknown host, or too many VMs.
/// </summary>
public static class SiteInventoryPatch
{
    /// <summary>Above this many VMs to re-read, one full read costs about the same and sees everything at once.</summary>
    public const int MaxVms = 50;

    private const int Parallelism = 8;

    public static async Task<SiteInventory?> ApplyAsync(IEngineClient client, SiteInventory current, InventoryChanges changes, CancellationToken cancellationToken)
    {
        if (changes.Unattributed)
        {
            return null;
        }
        if (changes.IsEmpty)
        {
            return current;
        }

        var hostsById = SiteInventoryCollector.ById(current.Hosts, h => h.Id, h => h);
        if (changes.HostIds.Any(id => !hostsById.ContainsKey(id)))
        {
            // A host the inventory does not know: its cluster and site label need the full read.
            return null;
        }
        var eventHostNames = changes.HostIds.Select(id => hostsById[id].Name).ToHashSet(StringComparer.Ordinal);
        var vmIds = new HashSet<string>(changes.VmIds, StringComparer.Ordinal);
        vmIds.UnionWith(current.Vms.Where(v => v.HostName is not null && eventHostNames.Contains(v.HostName)).Select(v => v.Id));
        if (vmIds.Count > MaxVms)
        {
            return null;
        }

        var storageTask = changes.StorageDomainIds.Count > 0 ? ReadStorageAsync(client, current, cancellationToken) : null;
        var allHostsTask = changes.HostIds.Count > 0 ? client.GetHostsAsync(cancellationToken) : null;
        var vms = await ReadVmsAsync(client, vmIds, cancellationToken).ConfigureAwait(false);

        // Second round, from what the VMs say: template names, disks an engine did not inline, the hosts they left and reached.
        var templateIds = vms.Select(v => v.Vm?.Template)
            .Where(t => t?.Id is not null && t.Name is null)
            .Select(t => t!.Id!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var templatesTask = ReadAllAsync(templateIds, (id, ct) => client.FindTemplateAsync(id, ct), cancellationToken);
        var disksTask = ReadAllAsync(
            vms.Where(v => v.Vm is not null && v.Vm.DiskAttachments is null).Select(v => v.Id).ToList(),
            async (id, ct) => (IReadOnlyList<OvirtDiskAttachment>?)await client.GetDiskAttachmentsAsync(id, ct).ConfigureAwait(false),
            cancellationToken);
        var hostIdsByName = ByName(current.Hosts);
        var currentVms = SiteInventoryCollector.ById(current.Vms.Where(v => vmIds.Contains(v.Id)), v => v.Id, v => v);
        var vmHostIds = allHostsTask is not null
            ? []
            : vms.SelectMany(v => new[]
                {
                    currentVms.GetValueOrDefault(v.Id)?.HostName is { } oldHost && hostIdsByName.TryGetValue(oldHost, out var oldId) ? oldId : null,
                    v.Vm?.Host?.Id,
                })
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
        var hostsTask = ReadAllAsync(vmHostIds, (id, ct) => client.FindHostAsync(id, ct), cancellationToken);
        await Task.WhenAll(templatesTask, disksTask, hostsTask).ConfigureAwait(false);

        List<OvirtHost?> readHosts = allHostsTask is not null
            ? [.. await allHostsTask.ConfigureAwait(false)]
            : [.. (await hostsTask.ConfigureAwait(false)).Select(h => h.Value)];
        if (readHosts.Any(h => h?.Id is null || !hostsById.ContainsKey(h.Id))
            || (allHostsTask is not null && readHosts.Count != hostsById.Count))
        {
            // A host appeared or vanished: the full read sees the whole cluster.
            return null;
        }

        var storage = storageTask is null ? null : await storageTask.ConfigureAwait(false);
        var domains = storage?.Domains ?? current.StorageDomains;
        var lookups = new InventoryLookups
        {
            DataCenterNames = SiteInventoryCollector.ById(current.DataCenters, dc => dc.Id, dc => (string?)dc.Name),
            Clusters = SiteInventoryCollector.ById(current.Clusters, c => c.Id, c => ((string?)c.Name, c.DataCenterName)),
            HostNames = SiteInventoryCollector.ById(current.Hosts, h => h.Id, h => (string?)h.Name),
            DomainNames = SiteInventoryCollector.ById(domains, d => d.Id, d => (string?)d.Name),
            TemplateNames = SiteInventoryCollector.ById(await templatesTask.ConfigureAwait(false), t => t.Id, t => t.Value?.Name),
            SiteLabelsByHost = SiteInventoryCollector.ById(current.Hosts.Where(h => h.SiteLabel is not null), h => h.Id, h => h.SiteLabel!),
            LabelsByVm = SiteInventoryCollector.ById(
                vms.Select(v => (v.Id, Labels: v.Labels ?? currentVms.GetValueOrDefault(v.Id)?.AffinityLabels ?? [])).Where(v => v.Labels.Count > 0),
                v => v.Id,
                v => v.Labels),
            DomainsByVmFromDisks = SiteInventoryCollector.DomainsByVm((await disksTask.ConfigureAwait(false))
                .SelectMany(a => (a.Value ?? []).Select(x => x.Disk).OfType<OvirtDisk>().Select(d => d with { Vm = new OvirtRef { Id = a.Id } }))
                .ToList()),
        };
        foreach (var host in readHosts)
        {
            lookups.HostNames[host!.Id!] = host.Name;
        }

        // A VM read alone comes without its NICs; it keeps the networks the last full read saw until the next one.
        var patchedVms = Patch(current.Vms, vms.ToDictionary(v => v.Id, v => v.Vm is null ? null : KeepNetworks(SiteInventoryCollector.MapVm(v.Vm, lookups), currentVms.GetValueOrDefault(v.Id)), StringComparer.Ordinal), v => v.Id);

        // Hosts without a VM summary count their up VMs from the inventory, as a full read does from all VMs.
        var newHostIdsByName = readHosts.Where(h => h!.Name is not null).GroupBy(h => h!.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()!.Id!, StringComparer.Ordinal);
        foreach (var vm in patchedVms.Where(v => v.State == VmStatus.Up && v.HostName is not null))
        {
            if (newHostIdsByName.TryGetValue(vm.HostName!, out var id) || hostIdsByName.TryGetValue(vm.HostName!, out id))
            {
                lookups.RunningByHost[id] = lookups.RunningByHost.GetValueOrDefault(id) + 1;
            }
        }
        var patchedHosts = Patch(current.Hosts, readHosts.ToDictionary(h => h!.Id!, h => (InventoryHost?)SiteInventoryCollector.MapHost(h!, lookups), StringComparer.Ordinal), h => h.Id);

        return current with { Hosts = patchedHosts, StorageDomains = domains, Vms = patchedVms };
    }

    private static InventoryVm KeepNetworks(InventoryVm read, InventoryVm? current) =>
        read.NetworkNames is null && current?.NetworkNames is { } networks ? read with { NetworkNames = networks } : read;

    /// <param name="Labels">Null when the engine listed labels without names: the VM keeps the ones it had.</param>
    private sealed record VmRead(string Id, OvirtVm? Vm, IReadOnlyList<string>? Labels);

    private sealed record StorageRead(IReadOnlyList<InventoryStorageDomain> Domains);

    private static async Task<List<VmRead>> ReadVmsAsync(IEngineClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var results = await ReadAllAsync(ids, async (id, ct) =>
        {
            var vmTask = client.FindVmAsync(id, includeDisks: true, ct);
            var labelsTask = SiteInventoryCollector.OptionalAsync(client.GetVmAffinityLabelsAsync(id, ct));
            await Task.WhenAll(vmTask, labelsTask).ConfigureAwait(false);
            var labels = await labelsTask.ConfigureAwait(false);
            var names = labels.Any(l => l.Name is null) ? null : labels.Select(l => l.Name!).Distinct(StringComparer.Ordinal).ToList();
            return new VmRead(id, await vmTask.ConfigureAwait(false), names);
        }, cancellationToken).ConfigureAwait(false);
        return results.Select(r => r.Value!).ToList();
    }

    // The storage part of a full read: every domain, each data center's attached view, the OVF updates users asked for.
    private static async Task<StorageRead> ReadStorageAsync(IEngineClient client, SiteInventory current, CancellationToken cancellationToken)
    {
        var domainsTask = client.GetStorageDomainsAsync(cancellationToken);
        var ovfTask = SiteInventoryCollector.OptionalAsync(client.SearchAsync<OvirtEvent>("events", SiteInventoryCollector.OvfUpdateSearch, cancellationToken));
        var attachedTask = Task.WhenAll(current.DataCenters.Select(async dc =>
            (DataCenter: dc, Domains: await client.GetAttachedStorageDomainsAsync(dc.Id, cancellationToken).ConfigureAwait(false))));
        await Task.WhenAll(domainsTask, ovfTask, attachedTask).ConfigureAwait(false);

        var lookups = new InventoryLookups
        {
            DataCenterNames = SiteInventoryCollector.ById(current.DataCenters, dc => dc.Id, dc => (string?)dc.Name),
            LastRequestedOvfUpdate = SiteInventoryCollector.LastRequestedOvfUpdateByDomain(await ovfTask.ConfigureAwait(false)),
        };
        foreach (var (dataCenter, attached) in await attachedTask.ConfigureAwait(false))
        {
            foreach (var domain in attached.Where(d => d.Id is not null))
            {
                lookups.Attached[domain.Id!] = (domain, dataCenter.Name);
            }
        }
        return new StorageRead((await domainsTask.ConfigureAwait(false)).Select(d => SiteInventoryCollector.MapStorageDomain(d, lookups)).ToList());
    }

    /// <summary>Replaces the items <paramref name="read"/> has by key (null: gone), keeps the order, appends new ones.</summary>
    private static List<T> Patch<T>(IReadOnlyList<T> items, Dictionary<string, T?> read, Func<T, string> key)
        where T : class
    {
        var result = new List<T>(items.Count + read.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var id = key(item);
            if (read.TryGetValue(id, out var fresh))
            {
                seen.Add(id);
                if (fresh is not null)
                {
                    result.Add(fresh);
                }
            }
            else
            {
                result.Add(item);
            }
        }
        result.AddRange(read.Where(r => r.Value is not null && !seen.Contains(r.Key)).Select(r => r.Value!));
        return result;
    }

    private static async Task<List<(string Id, T? Value)>> ReadAllAsync<T>(IReadOnlyCollection<string> ids, Func<string, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
    {
        var results = new (string, T?)[ids.Count];
        await Parallel.ForEachAsync(
            ids.Select((id, index) => (id, index)),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (x, ct) => results[x.index] = (x.id, await read(x.id, ct).ConfigureAwait(false))).ConfigureAwait(false);
        return [.. results];
    }

    private static Dictionary<string, string> ByName(IEnumerable<InventoryHost> hosts)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            result.TryAdd(host.Name, host.Id);
        }
        return result;
    }
}
