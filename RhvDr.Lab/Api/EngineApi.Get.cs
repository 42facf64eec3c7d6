using System.Globalization;
using Microsoft.AspNetCore.Http;
using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>The inventory routes: collections with search/max, single resources, sub-collections.</summary>
public sealed partial class EngineApi
{
    private ApiResponse Get(string[] s, IQueryCollection query, LabAccount account)
    {
        // What a host's storage scan finds depends on another site's VMs (the recovery site presents the primary's LUNs), so
        // that answer, asked for or followed to, is rendered under every engine's lock.
        var follow = query["follow"].ToString();
        var scope = (s is [_, _, "storage"] && s[0].Equals("hosts", StringComparison.OrdinalIgnoreCase)) || follow.Contains("storage", StringComparison.OrdinalIgnoreCase)
            ? LockScope.Everything
            : LockScope.Engine;
        return simulation.Read(engine, scope, _ =>
        {
            var r = new EngineRenderer(engine);
            var node = GetNode(s, query, account, r);
            if (node is not null && follow.Length > 0)
            {
                Follow(node, FollowTree.Parse(follow), account, r);
            }

            return node is null
                ? new ApiResponse(404, EngineRenderer.Fault("Not Found", $"No resource at /ovirt-engine/api/{string.Join('/', s)}"))
                : new ApiResponse(200, node);
        });
    }

    private ResourceNode? GetNode(string[] s, IQueryCollection query, LabAccount account, EngineRenderer r)
    {
        var node = s.Length == 0 ? r.Api(simulation.Now, account) : s[0].ToLowerInvariant() switch
        {
            "hosts" => s.Length switch
            {
                1 => Collection("hosts", engine.Hosts.Values, r.Host, HostField, query),
                2 => r.Host(Find(engine.Hosts, s[1], "host")),
                3 when s[2] == "storage" => HostStorage(Find(engine.Hosts, s[1], "host")),
                _ => null,
            },
            "datacenters" => GetDataCenter(s, query, r),
            "clusters" => GetCluster(s, query, r),
            "storagedomains" => GetStorageDomain(s, query, r),
            "vms" => GetVm(s, query, r),
            "disks" => s.Length switch
            {
                1 => Collection("disks", AllDisks(), r.Disk, (d, f) => f switch
                {
                    "name" or "alias" => [d.Name],
                    "id" => [d.Id],
                    _ => null,
                }, query),
                2 => r.Disk(AllDisks().FirstOrDefault(d => d.Id == s[1]) ?? throw EngineFaultException.NotFound("disk", s[1])),
                _ => null,
            },
            "templates" => s.Length switch
            {
                1 => Collection("templates", engine.Templates.Values, t => r.Template(t), (t, f) => f switch
                {
                    "name" => [t.Name],
                    "id" => [t.Id],
                    "cluster" => [t.ClusterId is null ? null : engine.Clusters.GetValueOrDefault(t.ClusterId)?.Name],
                    "datacenter" => [engine.DataCenterName],
                    _ => null,
                }, query),
                2 => r.Template(Find(engine.Templates, s[1], "template")),
                3 when s[2] == "diskattachments" => r.TemplateDiskAttachments(Find(engine.Templates, s[1], "template"), query["follow"].ToString().Contains("disk", StringComparison.OrdinalIgnoreCase)),
                4 when s[2] == "diskattachments" => r.TemplateDiskAttachments(Find(engine.Templates, s[1], "template"), true).Children.FirstOrDefault(a => a.Id == s[3])
                    ?? throw EngineFaultException.NotFound("disk attachment", s[3]),
                _ => null,
            },
            "affinitylabels" => s.Length switch
            {
                1 => Collection("affinity_labels", engine.AffinityLabels.Values, r.AffinityLabel, (l, f) => f switch
                {
                    "name" => [l.Name],
                    "id" => [l.Id],
                    _ => null,
                }, query),
                2 => r.AffinityLabel(Find(engine.AffinityLabels, s[1], "affinity label")),
                _ => null,
            },
            "networks" => s.Length switch
            {
                1 => Collection("networks", engine.Networks.Values, r.Network, (n, f) => f switch
                {
                    "name" => [n.Name],
                    "id" => [n.Id],
                    "datacenter" => [engine.DataCenterName],
                    _ => null,
                }, query),
                2 => r.Network(Find(engine.Networks, s[1], "network")),
                3 when s[2] == "vnicprofiles" => Collection("vnic_profiles", engine.VnicProfiles.Values.Where(p => p.NetworkId == s[1]), r.VnicProfile, NameIdField, query),
                _ => null,
            },
            "vnicprofiles" => s.Length switch
            {
                1 => Collection("vnic_profiles", engine.VnicProfiles.Values, r.VnicProfile, NameIdField, query),
                2 => r.VnicProfile(Find(engine.VnicProfiles, s[1], "vnic profile")),
                _ => null,
            },
            "domains" when s.Length == 1 => GetDomains(query),
            "users" => GetUsers(s, query),
            "roles" => GetRoles(s, query),
            "events" => s.Length switch
            {
                1 => Events(query),
                2 => EngineRenderer.Event(engine.Events.FirstOrDefault(e => e.Id.ToString(CultureInfo.InvariantCulture) == s[1]) ?? throw EngineFaultException.NotFound("event", s[1])),
                _ => null,
            },
            "jobs" => s.Length switch
            {
                1 => Collection("jobs", engine.Jobs.Values.OrderByDescending(j => j.StartTime), EngineRenderer.Job, (j, f) => f switch
                {
                    "correlation_id" => [j.CorrelationId],
                    "status" => [j.Status],
                    "id" => [j.Id],
                    "description" => [j.Description],
                    _ => null,
                }, query),
                2 => EngineRenderer.Job(Find(engine.Jobs, s[1], "job")),
                _ => null,
            },
            _ => null,
        };
        return node;
    }

    private ResourceNode? GetDataCenter(string[] s, IQueryCollection query, EngineRenderer r)
    {
        if (s.Length == 1)
        {
            return Collection("data_centers", engine.DataCenters.Values, r.DataCenter, (d, f) => f switch
            {
                "name" => [d.Name],
                "id" => [d.Id],
                "status" => [d.Status],
                _ => null,
            }, query);
        }

        var dc = Find(engine.DataCenters, s[1], "data center");
        if (s.Length == 2)
        {
            return r.DataCenter(dc);
        }

        return s[2] switch
        {
            "storagedomains" when s.Length == 3 => Collection("storage_domains", engine.StorageDomains.Values.Where(d => d.DataCenterId == dc.Id), d => r.StorageDomain(d, dc.Id), StorageDomainField, query),
            "storagedomains" when s.Length == 4 => r.StorageDomain(
                engine.StorageDomains.GetValueOrDefault(s[3]) is { } sd && sd.DataCenterId == dc.Id ? sd : throw EngineFaultException.NotFound("storage domain", s[3]), dc.Id),
            "clusters" when s.Length == 3 => Collection("clusters", engine.Clusters.Values.Where(c => c.DataCenterId == dc.Id), r.Cluster, NameIdField, query),

            // A data center's cluster is the same cluster service as /clusters/{id}, with all its sub-collections.
            "clusters" => engine.Clusters.GetValueOrDefault(s[3]) is { } c && c.DataCenterId == dc.Id
                ? GetCluster(s[2..], query, r)
                : throw EngineFaultException.NotFound("cluster", s[3]),
            "networks" when s.Length == 3 => Collection("networks", engine.Networks.Values.Where(n => n.DataCenterId == dc.Id), r.Network, NameIdField, query),
            _ => null,
        };
    }

    private ResourceNode? GetCluster(string[] s, IQueryCollection query, EngineRenderer r)
    {
        if (s.Length == 1)
        {
            return Collection("clusters", engine.Clusters.Values, r.Cluster, (c, f) => f switch
            {
                "name" => [c.Name],
                "id" => [c.Id],
                "datacenter" => [engine.DataCenters.GetValueOrDefault(c.DataCenterId)?.Name],
                _ => null,
            }, query);
        }

        var cluster = Find(engine.Clusters, s[1], "cluster");
        return s.Length switch
        {
            2 => r.Cluster(cluster),
            3 when s[2] == "affinitygroups" => Collection("affinity_groups", engine.AffinityGroups.Values.Where(g => g.ClusterId == cluster.Id), r.AffinityGroup, (g, f) => f switch
            {
                "name" => [g.Name],
                "id" => [g.Id],
                _ => null,
            }, query),
            4 when s[2] == "affinitygroups" => r.AffinityGroup(engine.AffinityGroups.GetValueOrDefault(s[3]) is { } g && g.ClusterId == cluster.Id ? g : throw EngineFaultException.NotFound("affinity group", s[3])),
            _ => null,
        };
    }

    private ResourceNode? GetStorageDomain(string[] s, IQueryCollection query, EngineRenderer r)
    {
        if (s.Length == 1)
        {
            return Collection("storage_domains", engine.StorageDomains.Values, d => r.StorageDomain(d), StorageDomainField, query);
        }

        var sd = Find(engine.StorageDomains, s[1], "storage domain");
        if (s.Length == 2)
        {
            return r.StorageDomain(sd);
        }

        var unregistered = IsTrue(query["unregistered"]);
        var href = $"{ApiPaths.Base}/storagedomains/{sd.Id}";

        // The engine reads a domain's OVF store once it is attached and active; only then are its unregistered entities listed.
        var ovfReadable = sd.DataCenterId is not null && sd.Status == "active";
        return (s[2], s.Length) switch
        {
            ("vms", 3) => unregistered
                ? Collection("vms", ovfReadable ? sd.OvfVms.Values.Where(v => !engine.Vms.ContainsKey(v.Id)) : [], v => r.Vm(v, href: $"{href}/vms/{v.Id}"), VmField, query)
                : Collection("vms", engine.Vms.Values.Where(v => v.StorageDomainIds.Contains(sd.Id, StringComparer.Ordinal)), v => r.Vm(v, href: $"{href}/vms/{v.Id}"), VmField, query),
            ("vms", 4) => r.Vm(
                engine.Vms.GetValueOrDefault(s[3]) ?? (ovfReadable ? sd.OvfVms.GetValueOrDefault(s[3]) : null) ?? throw EngineFaultException.NotFound("vm", s[3]),
                href: $"{href}/vms/{s[3]}"),
            ("templates", 3) => unregistered
                ? Collection("templates", ovfReadable ? sd.OvfTemplates.Values.Where(t => !engine.Templates.ContainsKey(t.Id)) : [], t => r.Template(t, $"{href}/templates/{t.Id}"), NameIdTemplate, query)
                : Collection("templates", engine.Templates.Values.Where(t => t.StorageDomainId == sd.Id), t => r.Template(t, $"{href}/templates/{t.Id}"), NameIdTemplate, query),
            ("disks", 3) => Collection("disks", AllDisks().Where(d => d.StorageDomainIds.Contains(sd.Id, StringComparer.Ordinal)), r.Disk, (d, f) => f == "name" ? [d.Name] : null, query),
            _ => null,
        };
    }

    private ResourceNode? GetVm(string[] s, IQueryCollection query, EngineRenderer r)
    {
        var follow = query["follow"].ToString();
        var expandDisks = follow.Contains("disk_attachments", StringComparison.OrdinalIgnoreCase);
        if (s.Length == 1)
        {
            var expandNics = follow.Contains("nics", StringComparison.OrdinalIgnoreCase);
            // A search by ids only is answered from the index, as the engine's database would, not by a scan.
            IEnumerable<SimVm> vms = SearchQuery.Parse(query["search"].ToString())?.Ids() is { } ids
                ? ids.Select(id => engine.Vms.GetValueOrDefault(id)).OfType<SimVm>()
                : engine.Vms.Values;
            return Collection("vms", vms, v => r.Vm(v, expandDisks, expandNics: expandNics), VmField, query);
        }

        var vm = Find(engine.Vms, s[1], "vm");
        return (s.Length, s.Length > 2 ? s[2] : "") switch
        {
            (2, _) => r.Vm(vm, expandDisks),
            (3, "diskattachments") => r.DiskAttachments(vm, follow.Contains("disk", StringComparison.OrdinalIgnoreCase)),
            (4, "diskattachments") => r.DiskAttachments(vm, true).Children.FirstOrDefault(a => a.Id == s[3]) ?? throw EngineFaultException.NotFound("disk attachment", s[3]),
            (3, "nics") => r.Nics(vm),
            (3, "reporteddevices") => EngineRenderer.ReportedDevices(vm),
            (3, "snapshots") => EngineRenderer.Snapshots(vm),
            (4, "snapshots") => EngineRenderer.ActiveSnapshot(vm) is { } active && active.Id == s[3] ? active : throw EngineFaultException.NotFound("snapshot", s[3]),

            // The lab's VMs have no virtual NUMA nodes; the engine lists none as an empty collection.
            (3, "numanodes") => ResourceNode.List("vm_numa_nodes"),
            (3, "affinitylabels") => Collection("affinity_labels", engine.AffinityLabels.Values.Where(l => l.VmIds.Contains(vm.Id)), r.AffinityLabel, NameIdLabel, query),
            _ => null,
        };
    }

    private ResourceNode Events(IQueryCollection query)
    {
        var from = long.TryParse(query["from"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : long.MinValue;

        // Newest first, as the engine lists them; "from" keeps only events newer than the given id.
        var events = engine.Events.Where(e => e.Id > from).OrderByDescending(e => e.Id);
        return Collection("events", events, EngineRenderer.Event, (e, field) => field switch
        {
            "severity" => [e.Severity],
            "type" or "code" => [e.Code.ToString(CultureInfo.InvariantCulture)],
            "id" => [e.Id.ToString(CultureInfo.InvariantCulture)],
            _ => null,
        }, query);
    }

    private static ResourceNode Collection<T>(string name, IEnumerable<T> items, Func<T, ResourceNode> render, Func<T, string, IEnumerable<string?>?> field, IQueryCollection query)
    {
        var search = SearchQuery.Parse(query["search"].ToString());
        var max = int.TryParse(query["max"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m >= 0 ? m : int.MaxValue;
        var list = ResourceNode.List(name);
        var count = 0;
        foreach (var item in items)
        {
            if (count >= max)
            {
                break;
            }

            if (search is null || search.Matches(f => field(item, f)))
            {
                list.Add(render(item));
                count++;
            }
        }

        return list;
    }

    private IEnumerable<string?>? HostField(SimHost h, string field) => field switch
    {
        "name" => [h.Name],
        "id" => [h.Id],
        "status" => [h.Status],
        "address" => [h.Address],
        "cluster" => [engine.Clusters.GetValueOrDefault(h.ClusterId)?.Name],
        "datacenter" => [engine.DataCenterName],
        "spm_id" or "spm" => [h.IsSpm ? "spm" : "none"],
        _ => null,
    };

    private IEnumerable<string?>? StorageDomainField(SimStorageDomain d, string field) => field switch
    {
        "name" => [d.Name],
        "id" => [d.Id],
        "status" => [d.Status],
        "type" => [d.Type],
        "storage_type" => [d.StorageType],
        "datacenter" => [d.DataCenterId is null ? null : engine.DataCenters.GetValueOrDefault(d.DataCenterId)?.Name],
        _ => null,
    };

    private IEnumerable<string?>? VmField(SimVm v, string field) => field switch
    {
        "name" => [v.Name],
        "id" => [v.Id],
        "status" => [v.Status],
        "cluster" => [engine.Clusters.GetValueOrDefault(v.ClusterId)?.Name],
        "host" => [v.HostId is null ? null : engine.Hosts.GetValueOrDefault(v.HostId)?.Name],
        "datacenter" => [engine.DataCenterName],
        "storage" or "storagedomain" or "storage_domain" => v.StorageDomainIds.Select(id => engine.StorageDomains.GetValueOrDefault(id)?.Name),
        "template" => [engine.Templates.GetValueOrDefault(v.TemplateId)?.Name],
        _ => null,
    };

    private static IEnumerable<string?>? NameIdField(SimVnicProfile p, string field) => field switch
    {
        "name" => [p.Name],
        "id" => [p.Id],
        _ => null,
    };

    private static IEnumerable<string?>? NameIdField(SimCluster c, string field) => field switch
    {
        "name" => [c.Name],
        "id" => [c.Id],
        _ => null,
    };

    private static IEnumerable<string?>? NameIdField(SimNetwork n, string field) => field switch
    {
        "name" => [n.Name],
        "id" => [n.Id],
        _ => null,
    };

    private static IEnumerable<string?>? NameIdTemplate(SimTemplate t, string field) => field switch
    {
        "name" => [t.Name],
        "id" => [t.Id],
        _ => null,
    };

    private static IEnumerable<string?>? NameIdLabel(SimAffinityLabel l, string field) => field switch
    {
        "name" => [l.Name],
        "id" => [l.Id],
        _ => null,
    };

    private ResourceNode HostStorage(SimHost host)
    {
        // A host that does not answer cannot scan for LUNs.
        if (host.Status is "non_responsive" or "down")
        {
            throw EngineFaultException.Conflict($"Cannot list storage of host {host.Name}. The host is not responding");
        }

        var (address, target) = EstateGenerator.LunPortal(engine.Site);
        return EngineRenderer.HostStorage(simulation.LunsVisibleAt(engine.Site), address, target);
    }

    /// <summary>Every disk of the engine, as <c>/disks</c> lists them: the VMs' and the templates'.</summary>
    private IEnumerable<SimDisk> AllDisks() => engine.Vms.Values.SelectMany(v => v.Disks).Concat(engine.Templates.Values.SelectMany(t => t.Disks));

    private static T Find<T>(Dictionary<string, T> items, string id, string kind) =>
        items.GetValueOrDefault(id) ?? throw EngineFaultException.NotFound(kind, id);
}
