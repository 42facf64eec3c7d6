using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Monitoring;

/// <summary>
/// Reads an engine with a fixed number of calls, whatever its size: every collection at once in parallel, VMs with their
/// disks and NICs inlined and templates with their disks (<c>follow</c>), then one call per data center for attached domain
/// status. Never one call per VM or template.
/// </summary>
public sealed class SiteInventoryCollector(IEngineClientFactory clients, TimeProvider time) : ISiteInventoryCollector
{
    // The Blank template every VM without a template points at.
    private const string BlankTemplateId = "00000000-0000-0000-0000-000000000000";

    public async Task<SiteInventory> CollectAsync(string site, CancellationToken cancellationToken)
    {
        var client = await clients.GetClientAsync(site, cancellationToken).ConfigureAwait(false);
        return await CollectAsync(client, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SiteInventory> CollectAsync(IEngineClient client, CancellationToken cancellationToken)
    {
        var dataCentersTask = client.GetDataCentersAsync(cancellationToken);
        var clustersTask = client.GetClustersAsync(cancellationToken);
        var hostsTask = client.GetHostsAsync(cancellationToken);
        var domainsTask = client.GetStorageDomainsAsync(cancellationToken);
        var vmsTask = client.GetVmsWithDisksAndNicsAsync(cancellationToken);
        var templatesTask = OptionalAsync(client.GetTemplatesWithDisksAsync(cancellationToken));
        var profilesTask = OptionalAsync(client.GetVnicProfilesAsync(cancellationToken));
        var networksTask = OptionalAsync(client.GetNetworksAsync(cancellationToken));
        var labelsTask = OptionalAsync(client.GetAffinityLabelsAsync(cancellationToken));
        var ovfEventsTask = OptionalAsync(client.SearchAsync<OvirtEvent>("events", OvfUpdateSearch, cancellationToken));

        var dataCenters = await dataCentersTask.ConfigureAwait(false);
        var attachedTask = Task.WhenAll(dataCenters
            .Where(dc => dc.Id is not null)
            .Select(async dc => (DataCenter: dc, Domains: await client.GetAttachedStorageDomainsAsync(dc.Id!, cancellationToken).ConfigureAwait(false))));

        await Task.WhenAll(clustersTask, hostsTask, domainsTask, vmsTask, templatesTask, labelsTask, ovfEventsTask, profilesTask, networksTask, attachedTask).ConfigureAwait(false);

        var vms = await vmsTask.ConfigureAwait(false);
        // Engines (or simulators) that ignore follow leave disks out; one /disks call then maps VMs to domains.
        var disks = vms.Any(HasInlinedDisks) ? [] : await OptionalAsync(client.GetDisksAsync(cancellationToken)).ConfigureAwait(false);

        return Map(
            time.GetUtcNow(),
            dataCenters,
            await clustersTask.ConfigureAwait(false),
            await hostsTask.ConfigureAwait(false),
            await domainsTask.ConfigureAwait(false),
            (await attachedTask.ConfigureAwait(false)).ToDictionary(a => a.DataCenter.Id!, a => a.Domains, StringComparer.Ordinal),
            vms,
            disks,
            await templatesTask.ConfigureAwait(false),
            await labelsTask.ConfigureAwait(false),
            await ovfEventsTask.ConfigureAwait(false),
            await profilesTask.ConfigureAwait(false),
            await networksTask.ConfigureAwait(false));
    }

    public async Task<SiteInventory?> RefreshAsync(string site, SiteInventory current, InventoryChanges changes, CancellationToken cancellationToken)
    {
        var client = await clients.GetClientAsync(site, cancellationToken).ConfigureAwait(false);
        return await RefreshAsync(client, current, changes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-reads the objects <paramref name="changes"/> names (see <see cref="SiteInventoryPatch"/>); null when a full read is needed.</summary>
    public Task<SiteInventory?> RefreshAsync(IEngineClient client, SiteInventory current, InventoryChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        return SiteInventoryPatch.ApplyAsync(client, current, changes, cancellationToken);
    }

    /// <summary>Maps what the engine returned to the console's inventory model.</summary>
    public static SiteInventory Map(
        DateTimeOffset collectedAt,
        IReadOnlyList<OvirtDataCenter> dataCenters,
        IReadOnlyList<OvirtCluster> clusters,
        IReadOnlyList<OvirtHost> hosts,
        IReadOnlyList<OvirtStorageDomain> domains,
        IReadOnlyDictionary<string, IReadOnlyList<OvirtStorageDomain>> attachedByDataCenter,
        IReadOnlyList<OvirtVm> vms,
        IReadOnlyList<OvirtDisk> disks,
        IReadOnlyList<OvirtTemplate> templates,
        IReadOnlyList<OvirtAffinityLabel> labels,
        IReadOnlyList<OvirtEvent>? ovfEvents = null,
        IReadOnlyList<OvirtVnicProfile>? vnicProfiles = null,
        IReadOnlyList<OvirtNetwork>? networks = null)
    {
        var dataCenterNames = ById(dataCenters, dc => dc.Id, dc => dc.Name);
        var attached = new Dictionary<string, (OvirtStorageDomain Domain, string? DataCenter)>(StringComparer.Ordinal);
        foreach (var (dataCenterId, attachedDomains) in attachedByDataCenter)
        {
            foreach (var domain in attachedDomains.Where(d => d.Id is not null))
            {
                attached[domain.Id!] = (domain, InventoryLookups.Lookup(dataCenterNames, dataCenterId));
            }
        }

        var lookups = new InventoryLookups
        {
            DataCenterNames = dataCenterNames,
            Clusters = ById(clusters, c => c.Id, c => (c.Name, DataCenterName(c, dataCenterNames))),
            HostNames = ById(hosts, h => h.Id, h => h.Name),
            DomainNames = ById(domains, d => d.Id, d => d.Name),
            TemplateNames = ById(templates, t => t.Id, t => t.Name),
            SiteLabelsByHost = SiteLabelsByHost(labels),
            LabelsByVm = LabelsByVm(labels),
            DomainsByVmFromDisks = DomainsByVm(disks),
            RunningByHost = vms.Where(v => v.StatusValue == VmStatus.Up && v.Host?.Id is not null).GroupBy(v => v.Host!.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Attached = attached,
            LastRequestedOvfUpdate = LastRequestedOvfUpdateByDomain(ovfEvents ?? []),
            NetworkByVnicProfile = NetworkByVnicProfile(vnicProfiles ?? [], networks ?? []),
        };

        var inventoryDataCenters = dataCenters
            .Select(dc => new InventoryDataCenter(dc.Id ?? "", dc.Name ?? dc.Id ?? "", dc.Status ?? "unknown", dc.Version?.Compatibility))
            .ToList();

        var inventoryClusters = clusters
            .Select(c => new InventoryCluster(c.Id ?? "", c.Name ?? c.Id ?? "", DataCenterName(c, dataCenterNames), c.Version?.Compatibility))
            .ToList();

        return new SiteInventory(
            collectedAt,
            inventoryDataCenters,
            inventoryClusters,
            hosts.Select(h => MapHost(h, lookups)).ToList(),
            domains.Select(d => MapStorageDomain(d, lookups)).ToList(),
            vms.Select(v => MapVm(v, lookups)).ToList())
        {
            Templates = [.. templates.Where(t => t.Id is not null && t.Id != BlankTemplateId).Select(t => MapTemplate(t, lookups.DomainNames)).Where(t => t.DiskStorageDomainNames.Count > 0)],
        };
    }

    /// <summary>A template with the domains of each of its disks, by name; no disks when the engine did not inline them.</summary>
    internal static InventoryTemplate MapTemplate(OvirtTemplate t, Dictionary<string, string?> domainNames) => new(
        t.Id ?? "",
        t.Name ?? t.Id ?? "",
        [.. (t.DiskAttachments ?? OvirtCollection<OvirtDiskAttachment>.Empty)
            .Select(a => (IReadOnlyList<string>)[.. (a.Disk?.StorageDomains ?? OvirtCollection<OvirtRef>.Empty)
                .Select(r => r.Id).OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(id => InventoryLookups.Lookup(domainNames, id) ?? id).Order(StringComparer.Ordinal)])
            .Where(d => d.Count > 0)]);

    /// <summary>Each vNIC profile's network, by name (a profile names its network by id only).</summary>
    private static Dictionary<string, string?> NetworkByVnicProfile(IReadOnlyList<OvirtVnicProfile> profiles, IReadOnlyList<OvirtNetwork> networks)
    {
        var networkNames = ById(networks, n => n.Id, n => n.Name);
        return ById(profiles, p => p.Id, p => p.Network?.Name ?? InventoryLookups.Lookup(networkNames, p.Network?.Id));
    }

    internal static InventoryHost MapHost(OvirtHost h, InventoryLookups lookups) => new(
        h.Id ?? "",
        h.Name ?? h.Id ?? "",
        h.StatusValue ?? HostStatus.Unknown,
        h.Address,
        lookups.ClusterName(h.Cluster),
        lookups.DataCenterOf(h.Cluster),
        string.Equals(h.Spm?.Status, "spm", StringComparison.OrdinalIgnoreCase),
        h.PowerManagement?.Enabled ?? false,
        h.Memory ?? 0,
        CpuCount(h.Cpu),
        h.Summary?.Active ?? (h.Id is not null && lookups.RunningByHost.TryGetValue(h.Id, out var running) ? running : 0),
        h.Id is not null && lookups.SiteLabelsByHost.TryGetValue(h.Id, out var label) ? label : null,
        h.Spm?.Priority ?? 5);

    internal static InventoryStorageDomain MapStorageDomain(OvirtStorageDomain d, InventoryLookups lookups)
    {
        var isAttached = lookups.Attached.TryGetValue(d.Id ?? "", out var view);
        return new InventoryStorageDomain(
            d.Id ?? "",
            d.Name ?? d.Id ?? "",
            d.Type ?? "data",
            d.Storage?.Type ?? "unknown",
            (isAttached ? view.Domain.StatusValue : null) ?? d.StatusValue ?? (isAttached ? StorageDomainStatus.Unknown : StorageDomainStatus.Unattached),
            (isAttached ? view.Domain.ExternalStatus : null) ?? d.ExternalStatus,
            (isAttached ? view.Domain.Master : null) ?? d.Master ?? false,
            string.Equals(d.Name, "hosted_storage", StringComparison.OrdinalIgnoreCase),
            isAttached ? view.DataCenter : d.DataCenters?.Select(r => r.Name ?? InventoryLookups.Lookup(lookups.DataCenterNames, r.Id)).FirstOrDefault(n => n is not null),
            d.Available ?? (isAttached ? view.Domain.Available : null) ?? 0,
            d.Used ?? (isAttached ? view.Domain.Used : null) ?? 0,
            d.Committed ?? (isAttached ? view.Domain.Committed : null) ?? 0,
            d.Storage?.Address,
            d.Storage?.Path,
            d.Id is not null && lookups.LastRequestedOvfUpdate.TryGetValue(d.Id, out var ovfAt) ? ovfAt : null);
    }

    internal static InventoryVm MapVm(OvirtVm v, InventoryLookups lookups) => new(
        v.Id ?? "",
        v.Name ?? v.Id ?? "",
        v.StatusValue ?? VmStatus.Unknown,
        v.Host?.Name ?? InventoryLookups.Lookup(lookups.HostNames, v.Host?.Id),
        lookups.ClusterName(v.Cluster),
        v.HighAvailability?.Enabled ?? false,
        v.HighAvailability?.Priority ?? 0,
        v.Lease?.StorageDomain?.Id is not null,
        v.DeleteProtected ?? false,
        v.Memory ?? 0,
        CpuCount(v.Cpu),
        TemplateName(v.Template, lookups.TemplateNames),
        StorageDomainNames(v, lookups.DomainsByVmFromDisks, lookups.DomainNames),
        v.Id is not null && lookups.LabelsByVm.TryGetValue(v.Id, out var vmLabels) ? vmLabels : null)
    {
        CreatedAt = v.CreationTime,
        OsType = v.Os?.Type,
        GuestFqdn = string.IsNullOrWhiteSpace(v.Fqdn) ? null : v.Fqdn,
        NetworkNames = v.Nics is null ? null : NetworkNames(v.Nics, lookups.NetworkByVnicProfile),
    };

    /// <summary>The networks of a VM's NICs; a NIC with no profile (unplugged from any network) has none.</summary>
    private static List<string> NetworkNames(OvirtCollection<OvirtNic> nics, Dictionary<string, string?> networkByProfile) =>
        [.. nics.Select(n => n.VnicProfile?.Id is { } id ? InventoryLookups.Lookup(networkByProfile, id) : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string? DataCenterName(OvirtCluster c, Dictionary<string, string?> dataCenterNames) =>
        c.DataCenter is { } dc ? dc.Name ?? InventoryLookups.Lookup(dataCenterNames, dc.Id) : null;

    /// <summary>
    /// The engine's search for OVF store updates users asked for (<see cref="EngineEventCodes.UserUpdateOvfStore"/>): the only ones
    /// it logs; its scheduled updates leave no trace.
    /// </summary>
    internal static string OvfUpdateSearch => $"type={EngineEventCodes.UserUpdateOvfStore.Code}";

    /// <summary>The times of the OVF store updates users asked for in <paramref name="events"/>, newest per domain.</summary>
    internal static Dictionary<string, DateTimeOffset> LastRequestedOvfUpdateByDomain(IReadOnlyList<OvirtEvent> events)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Code == EngineEventCodes.UserUpdateOvfStore.Code && e.StorageDomain?.Id is not null && e.Time is not null))
        {
            var id = e.StorageDomain!.Id!;
            if (!result.TryGetValue(id, out var known) || e.Time!.Value > known)
            {
                result[id] = e.Time!.Value;
            }
        }
        return result;
    }

    internal static bool HasInlinedDisks(OvirtVm vm) => vm.DiskAttachments?.Any(a => a.Disk?.StorageDomains is { Count: > 0 }) == true;

    private static IReadOnlyList<string> StorageDomainNames(OvirtVm vm, Dictionary<string, HashSet<string>> fromDisks, Dictionary<string, string?> domainNames)
    {
        IEnumerable<string> ids = vm.DiskAttachments?
            .SelectMany(a => a.Disk?.StorageDomains ?? OvirtCollection<OvirtRef>.Empty)
            .Select(r => r.Id)
            .OfType<string>() ?? [];
        if (vm.Id is not null && fromDisks.TryGetValue(vm.Id, out var more))
        {
            ids = ids.Concat(more);
        }
        return ids
            .Distinct(StringComparer.Ordinal)
            .Select(id => InventoryLookups.Lookup(domainNames, id) ?? id)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    internal static Dictionary<string, HashSet<string>> DomainsByVm(IReadOnlyList<OvirtDisk> disks)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            var domainIds = (disk.StorageDomains ?? OvirtCollection<OvirtRef>.Empty).Select(r => r.Id).OfType<string>().ToList();
            var vmIds = (disk.Vms ?? OvirtCollection<OvirtRef>.Empty).Append(disk.Vm).Select(r => r?.Id).OfType<string>();
            foreach (var vmId in vmIds)
            {
                if (!result.TryGetValue(vmId, out var set))
                {
                    result[vmId] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.UnionWith(domainIds);
            }
        }
        return result;
    }

    // In Active/Active, hosts carry an affinity label per site ("site_a", "brno-site", ...); a label naming a site wins.
    private static Dictionary<string, string> SiteLabelsByHost(IReadOnlyList<OvirtAffinityLabel> labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels.OrderByDescending(l => l.Name?.Contains("site", StringComparison.OrdinalIgnoreCase) == true))
        {
            foreach (var host in label.Hosts ?? OvirtCollection<OvirtRef>.Empty)
            {
                if (host.Id is not null && label.Name is not null)
                {
                    result.TryAdd(host.Id, label.Name);
                }
            }
        }
        return result;
    }

    internal static Dictionary<string, IReadOnlyList<string>> LabelsByVm(IReadOnlyList<OvirtAffinityLabel> labels) =>
        labels
            .Where(l => l.Name is not null)
            .SelectMany(l => (l.Vms ?? OvirtCollection<OvirtRef>.Empty).Select(v => v.Id).OfType<string>().Select(id => (Vm: id, Label: l.Name!)))
            .GroupBy(x => x.Vm, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Label).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static string? TemplateName(OvirtRef? template, Dictionary<string, string?> names) =>
        template is null ? null
        : template.Name ?? InventoryLookups.Lookup(names, template.Id) ?? (template.Id == BlankTemplateId ? "Blank" : template.Id);

    private static int CpuCount(OvirtCpu? cpu) =>
        cpu?.Topology is { } t ? Math.Max(1, t.Sockets ?? 1) * Math.Max(1, t.Cores ?? 1) * Math.Max(1, t.Threads ?? 1) : 0;

    internal static Dictionary<string, TValue> ById<T, TValue>(IEnumerable<T> items, Func<T, string?> id, Func<T, TValue> value)
    {
        var result = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (id(item) is { } key)
            {
                result[key] = value(item);
            }
        }
        return result;
    }

    // Templates and labels enrich the inventory; an engine that refuses them must not hide the hosts and VMs.
    internal static async Task<IReadOnlyList<T>> OptionalAsync<T>(Task<IReadOnlyList<T>> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (OvirtFaultException)
        {
            return [];
        }
    }
}
