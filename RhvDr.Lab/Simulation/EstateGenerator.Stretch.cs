using RhvDr.Lab.Array;

namespace RhvDr.Lab.Simulation;

/// <summary>
/// The active-active estate: one engine (<see cref="StretchSite"/>) with one stretch cluster whose hosts stand at both sites,
/// four data domains synchronously replicated between the sites' arrays (writeable at both), HA VMs with leases and
/// priorities, soft VM-to-host affinity to each VM's home site through the <c>site_primary</c> / <c>site_recovery</c>
/// affinity labels, and SPM priority higher at the primary site.
/// </summary>
public sealed partial class EstateGenerator
{
    public const string StretchSite = "stretch";
    public const string StretchDataCenter = "stretch_dc";
    public const string StretchCluster = "stretch_cluster";
    public const int PrimarySpmPriority = 8;
    public const int RecoverySpmPriority = 2;

    private (IReadOnlyList<SimEngine> Engines, IReadOnlyList<ReplicationPair> Pairs) GenerateStretch()
    {
        var ovfUpdatedAt = now.AddMinutes(-Math.Min(20, options.OvfUpdateIntervalMinutes / 3));
        var engine = new SimEngine { Site = StretchSite, DataCenterName = StretchDataCenter, ClusterName = StretchCluster, IsStretch = true };
        var dc = new SimDataCenter { Id = Ids.Next(), Name = StretchDataCenter };
        engine.DataCenters[dc.Id] = dc;
        var cluster = new SimCluster { Id = Ids.Next(), Name = StretchCluster, DataCenterId = dc.Id };
        engine.Clusters[cluster.Id] = cluster;
        var labels = new Dictionary<string, SimAffinityLabel>(StringComparer.Ordinal);
        foreach (var (site, prefix, net, priority) in new[] { (PrimarySite, "prod", "10.10", PrimarySpmPriority), (RecoverySite, "rec", "10.20", RecoverySpmPriority) })
        {
            var label = new SimAffinityLabel { Id = Ids.Next(), Name = $"site_{site}" };
            engine.AffinityLabels[label.Id] = label;
            labels[site] = label;
            for (var i = 1; i <= options.HostsPerSite; i++)
            {
                var host = NewHost(prefix, net, i, cluster.Id, site);
                host.SpmPriority = priority;
                host.IsSpm = site == PrimarySite && i == 1;
                engine.Hosts[host.Id] = host;
                label.HostIds.Add(host.Id);
            }
        }

        var dcId = dc.Id;
        var master = AddDomain(engine, "stretch_master", "nfs", "10.10.1.10", "/export/stretch_master", null, dcId, master: true);
        var nfs2 = AddDomain(engine, "stretch_nfs2", "nfs", "10.10.1.10", "/export/stretch_nfs2", null, dcId);
        var scsi = AddDomain(engine, "stretch_scsi", "iscsi", "10.10.1.20", null, "iqn.2017-10.com.stretch.redhat:444", dcId, id: ScsiDomainId);
        var scsi2 = AddDomain(engine, "stretch_scsi2", "iscsi", "10.10.1.20", null, "iqn.2017-10.com.stretch.redhat:445", dcId);
        AddDomain(engine, "hosted_storage", "nfs", "10.10.1.11", "/export/hosted_engine", null, dcId, hostedEngine: true);
        AddNetworks(engine, isolatedTestProfile: false);
        var templates = AddTemplates(engine, [master, nfs2]);
        SizeHosts(engine, options.VmsPerSite * 2);
        var domains = new[] { master, nfs2, scsi, scsi2 };
        AddStretchVms(engine, domains, templates, labels[PrimarySite], PrimarySite, "prod", options.VmsPerSite);
        AddStretchVms(engine, domains, templates, labels[RecoverySite], RecoverySite, "rec", Math.Max(0, options.VmsPerSite / 4));

        foreach (var domain in engine.StorageDomains.Values)
        {
            SizeDomain(engine, domain);
            WriteOvf(engine, domain, ovfUpdatedAt);
        }

        // Synchronous, writeable at both sites (VPLEX-like): the pair's "source" is only the preferred leg.
        var pairs = domains.Select(d => NewPair(d, "sync", 0, d.Address!.Replace("10.10.", "10.20.", StringComparison.Ordinal), d.Path, d.Target)).ToList();
        return ([engine], pairs);
    }

    private void AddStretchVms(SimEngine engine, SimStorageDomain[] domains, List<SimTemplate> templates, SimAffinityLabel home, string site, string prefix, int count)
    {
        var profiles = engine.VnicProfiles.Values.Where(p => p.Name != "ovirtmgmt").ToList();
        var networkNames = engine.Networks.Values.ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);
        var homeHosts = engine.Hosts.Values.Where(h => h.SiteLabel == site).ToList();
        var awayHosts = engine.Hosts.Values.Where(h => h.SiteLabel != site).ToList();
        for (var i = 1; i <= count; i++)
        {
            var role = Roles[_random.Next(Roles.Length)];
            var domain = domains[WeightedDomain()];
            var template = templates[_random.Next(templates.Count)];
            var ha = _random.NextDouble() < 0.4;
            var vm = new SimVm
            {
                Id = Ids.Next(),
                Name = $"{prefix}-{role}-{i:D3}",
                Description = $"{role} tier",
                ClusterId = engine.Cluster.Id,
                MemoryBytes = (1L << _random.Next(1, 4)) * GiB,
                Cpus = 1 << _random.Next(0, 3),
                HighlyAvailable = ha,
                HaPriority = ha ? HaPriorities[_random.Next(HaPriorities.Length)] : 1,
                TemplateId = template.Id,
                OriginalTemplateId = template.Id,
                OsType = template.Id == SimTemplate.BlankId ? "rhel_8x64" : template.OsType,
                CreatedAt = now.AddDays(-_random.Next(1, 700)),
                // Most HA VMs hold a lease, so they restart after it expires even when their host cannot be fenced.
                LeaseStorageDomainId = ha && _random.NextDouble() < 0.8 ? domain.Id : null,
            };
            vm.Disks.Add(new SimDisk(Ids.Next(), $"{vm.Name}_Disk1", (20 + (10 * _random.Next(0, 8))) * GiB, domain.Id, null, true));
            var profile = profiles[_random.Next(profiles.Count)];
            vm.Nics.Add(new SimNic(Ids.Next(), "nic1", Ids.NextMac(), profile.Id, networkNames[profile.NetworkId], profile.Name));
            home.VmIds.Add(vm.Id);
            vm.AffinityLabelNames.Add(home.Name);
            if (_random.NextDouble() < 0.8 || ha)
            {
                // Soft affinity keeps most VMs home; a few have drifted to the other site (a migration, a past incident).
                var hosts = awayHosts.Count > 0 && _random.NextDouble() < 0.08 ? awayHosts : homeHosts;
                vm.Status = "up";
                vm.WantsUp = true;
                vm.HostId = hosts[_random.Next(hosts.Count)].Id;
                vm.StartedAt = now.AddHours(-_random.Next(1, 2000));
            }

            engine.Vms[vm.Id] = vm;
        }
    }
}
