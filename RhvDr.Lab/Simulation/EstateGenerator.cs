using RhvDr.Lab.Array;

namespace RhvDr.Lab.Simulation;

/// <summary>
/// Builds the active-passive estate from the seed: a production site with VMs on four replicated data domains,
/// and a recovery site with its own small estate and the same networks. Names follow the oVirt DR example mapping.
/// </summary>
public sealed partial class EstateGenerator(LabOptions options, DateTimeOffset now)
{
    public const string PrimarySite = "primary";
    public const string RecoverySite = "recovery";
    public const string ScsiDomainId = "aa92cc71-1b88-4998-a755-970ef8a638ea";
    public const string MappedLunId = "360014056a2be431c0fd46c4bdce92b66";
    public const string RecoveryLunId = "36001405961a7f95e6aa461b8dba53052";
    public const string OvirtmgmtProfileId = "e368cbd4-59d9-4a7e-86c1-e405c916a836";

    /// <summary>Where a site's hosts log in to see the array's direct LUNs.</summary>
    public static (string Address, string Target) LunPortal(string site) => site == RecoverySite
        ? ("10.20.1.20", "iqn.2017-07.com.recovery.redhat:luns")
        : ("10.10.1.20", "iqn.2017-10.com.primary.redhat:luns");

    private const long GiB = 1L << 30;
    private const long TiB = 1L << 40;

    private static readonly string[] Roles = ["web", "app", "db", "mq", "cache", "batch", "api", "auth"];
    private static readonly int[] HaPriorities = [1, 50, 100];

    private readonly Random _random = new(options.Seed);
    private DeterministicIds? _ids;

    private DeterministicIds Ids => _ids ??= new DeterministicIds(_random);

    public (IReadOnlyList<SimEngine> Engines, IReadOnlyList<ReplicationPair> Pairs) Generate()
    {
        if (options.IsActiveActive)
        {
            return GenerateStretch();
        }

        var ovfUpdatedAt = now.AddMinutes(-Math.Min(20, options.OvfUpdateIntervalMinutes / 3));
        var primary = NewSite(PrimarySite, "Prod", "cluster_prod", "prod", "10.10");
        var recovery = NewSite(RecoverySite, "Recovery", "cluster_recovery", "rec", "10.20");

        var prodDc = primary.DataCenter.Id;
        var master = AddDomain(primary, "primary_master_storage", "nfs", "10.10.1.10", "/export/path1", null, prodDc, master: true);
        var path2 = AddDomain(primary, "path2", "nfs", "10.10.1.10", "/export/path2", null, prodDc);
        var scsi = AddDomain(primary, "scsi_domain", "iscsi", "10.10.1.20", null, "iqn.2017-10.com.primary.redhat:444", prodDc, id: ScsiDomainId);
        var scsi2 = AddDomain(primary, "scsi_domain2", "iscsi", "10.10.1.20", null, "iqn.2017-10.com.primary.redhat:445", prodDc);
        AddDomain(primary, "hosted_storage", "nfs", "10.10.1.11", "/export/hosted_engine", null, prodDc, hostedEngine: true);
        AddDomain(primary, "export", "nfs", "10.10.1.12", "/export/export", null, prodDc, type: "export");
        var recoveryMaster = AddDomain(recovery, "secondary_master_storage", "nfs", "10.20.1.10", "/export/recovery_master", null, recovery.DataCenter.Id, master: true);
        AddDomain(recovery, "hosted_storage", "nfs", "10.20.1.11", "/export/hosted_engine", null, recovery.DataCenter.Id, hostedEngine: true);

        AddNetworks(primary, isolatedTestProfile: false);
        AddNetworks(recovery, isolatedTestProfile: true);

        var primaryTemplates = AddTemplates(primary, [master, path2]);
        AddTemplates(recovery, [recoveryMaster], localOnly: true);

        var groupProd = AddAffinityGroup(primary, "primary_affinity");
        AddAffinityGroup(recovery, "secondary_affinity");
        var labelProd = AddAffinityLabel(primary, "label_prod");
        AddAffinityLabel(recovery, "label_recovery");

        var extraDomains = AddExtraDataDomains(primary, prodDc);
        SimStorageDomain[] dataDomains = [master, path2, scsi, scsi2, .. extraDomains.Select(e => e.Domain)];
        SizeHosts(primary, options.VmsPerSite);
        SizeHosts(recovery, options.VmsPerSite);
        AddPrimaryVms(primary, dataDomains, primaryTemplates, groupProd, labelProd, ovfUpdatedAt);
        CopyTemplateDisks(primary);
        AddRecoveryVms(recovery, recoveryMaster);

        foreach (var engine in new[] { primary, recovery })
        {
            foreach (var domain in engine.StorageDomains.Values)
            {
                SizeDomain(engine, domain);
                WriteOvf(engine, domain, ovfUpdatedAt);
            }
        }

        var pairs = new List<ReplicationPair>
        {
            NewPair(master, "async", 300, "10.20.1.10", "/export/path1", null),
            NewPair(path2, "async", 300, "10.20.1.10", "/export/path2", null),
            NewPair(scsi, "sync", 0, "10.20.1.20", null, "iqn.2017-07.com.recovery.redhat:444"),
            NewPair(scsi2, "sync", 0, "10.20.1.20", null, "iqn.2017-07.com.recovery.redhat:445"),
        };
        pairs.AddRange(extraDomains.Select(e => e.Domain.StorageType == "nfs"
            ? NewPair(e.Domain, "async", 300, "10.20.1.10", e.Domain.Path, null)
            : NewPair(e.Domain, "sync", 0, "10.20.1.20", null, e.RecoveryTarget)));
        return ([primary, recovery], pairs);
    }

    /// <summary>
    /// Writes the domain's OVF store: every VM (with its status) and template with a disk on it, as it is now. Entities still unregistered
    /// (an imported domain) are kept, as the engine keeps them, so a maintenance cycle before registration loses nothing.
    /// </summary>
    public static void WriteOvf(SimEngine engine, SimStorageDomain domain, DateTimeOffset at)
    {
        var vms = domain.OvfVms.Values.Where(v => !engine.Vms.ContainsKey(v.Id)).ToDictionary(v => v.Id, StringComparer.Ordinal);
        foreach (var vm in engine.Vms.Values)
        {
            if (vm.CreatedAt <= at && vm.Disks.Any(d => d.StorageDomainId == domain.Id))
            {
                // The OVF keeps the status the VM had when it was written: a recovery starts only the VMs that were up.
                var definition = vm.CloneDefinition();
                definition.Status = vm.Status;
                vms[vm.Id] = definition;
            }
        }

        var templates = domain.OvfTemplates.Values.Where(t => !engine.Templates.ContainsKey(t.Id)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var template in engine.Templates.Values)
        {
            if (template.StorageDomainId == domain.Id && template.CreatedAt <= at)
            {
                templates[template.Id] = template.CloneDefinition();
            }
        }

        domain.OvfVms = vms;
        domain.OvfTemplates = templates;
        domain.OvfUpdatedAt = at;
    }

    private SimEngine NewSite(string site, string dcName, string clusterName, string hostPrefix, string net)
    {
        var engine = new SimEngine { Site = site, DataCenterName = dcName, ClusterName = clusterName };
        var dc = new SimDataCenter { Id = Ids.Next(), Name = dcName };
        engine.DataCenters[dc.Id] = dc;
        var cluster = new SimCluster { Id = Ids.Next(), Name = clusterName, DataCenterId = dc.Id };
        engine.Clusters[cluster.Id] = cluster;
        for (var i = 1; i <= options.HostsPerSite; i++)
        {
            var host = NewHost(hostPrefix, net, i, cluster.Id, site);
            host.IsSpm = i == 1;
            engine.Hosts[host.Id] = host;
        }

        return engine;
    }

    private SimStorageDomain AddDomain(
        SimEngine engine, string name, string storageType, string address, string? path, string? target, string dcId,
        bool master = false, string type = "data", bool hostedEngine = false, string? id = null)
    {
        var domain = new SimStorageDomain
        {
            Id = id ?? Ids.Next(),
            Name = name,
            Type = type,
            StorageType = storageType,
            Address = address,
            Path = path,
            Target = target,
            Master = master,
            HostedEngine = hostedEngine,
            DataCenterId = dcId,
            Status = "active",
        };
        engine.StorageDomains[domain.Id] = domain;
        return domain;
    }

    /// <summary>The first three octets of each primary VM network's guest subnet (a /24).</summary>
    private static readonly Dictionary<string, string> GuestSubnets = new(StringComparer.Ordinal)
    {
        ["vm_prod"] = "10.10.100", ["vm_backend"] = "10.10.200", ["ovirtmgmt"] = "10.10.0",
    };

    private void AddNetworks(SimEngine engine, bool isolatedTestProfile)
    {
        var dcId = engine.DataCenter.Id;
        var mgmt = new SimNetwork(Ids.Next(), "ovirtmgmt", dcId, null, true, "Management Network");
        engine.Networks[mgmt.Id] = mgmt;
        engine.VnicProfiles[OvirtmgmtProfileId] = new SimVnicProfile(OvirtmgmtProfileId, "ovirtmgmt", mgmt.Id);
        foreach (var (name, vlan) in new[] { ("vm_prod", 100), ("vm_backend", 200) })
        {
            var network = new SimNetwork(Ids.Next(), name, dcId, vlan, true, $"VM network {name}");
            engine.Networks[network.Id] = network;
            var profile = new SimVnicProfile(Ids.Next(), name, network.Id);
            engine.VnicProfiles[profile.Id] = profile;
        }

        if (isolatedTestProfile)
        {
            // No uplink: test failovers map VM NICs here so copies never meet production traffic.
            var isolated = new SimNetwork(Ids.Next(), "dr_test_isolated", dcId, 999, true, "Isolated network for DR tests");
            engine.Networks[isolated.Id] = isolated;
            var profile = new SimVnicProfile(Ids.Next(), "dr_test_isolated", isolated.Id);
            engine.VnicProfiles[profile.Id] = profile;
        }
    }

    private List<SimTemplate> AddTemplates(SimEngine engine, SimStorageDomain[] domains, bool localOnly = false)
    {
        var blank = new SimTemplate { Id = SimTemplate.BlankId, Name = "Blank", CreatedAt = now.AddYears(-3) };
        engine.Templates[blank.Id] = blank;
        var names = localOnly ? new[] { "rhel9-utility" } : ["rhel8-base", "rhel9-base", "win2019-base"];
        var result = new List<SimTemplate> { blank };
        for (var i = 0; i < names.Length; i++)
        {
            var template = new SimTemplate
            {
                Id = Ids.Next(),
                Name = names[i],
                ClusterId = engine.Cluster.Id,
                MemoryBytes = 4 * GiB,
                Cpus = 2,
                OsType = names[i].StartsWith("win", StringComparison.Ordinal) ? "windows_2019x64" : $"rhel_{names[i][4]}x64",
                CreatedAt = now.AddDays(-200 + (i * 30)),
                StorageDomainId = domains[i % domains.Length].Id,
            };
            engine.Templates[template.Id] = template;
            result.Add(template);
        }

        return result;
    }

    /// <summary>
    /// Each template's disk is copied to every domain where a VM based on it has a disk, as the engine requires of a VM whose disks
    /// are thin on the template's image.
    /// </summary>
    private static void CopyTemplateDisks(SimEngine engine)
    {
        foreach (var template in engine.Templates.Values.Where(t => t.StorageDomainId is not null))
        {
            template.CopyStorageDomainIds.AddRange(engine.Vms.Values
                .Where(v => v.TemplateId == template.Id)
                .SelectMany(v => v.Disks)
                .Select(d => d.StorageDomainId)
                .OfType<string>()
                .Where(d => d != template.StorageDomainId)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal));
        }
    }

    private SimAffinityGroup AddAffinityGroup(SimEngine engine, string name)
    {
        var group = new SimAffinityGroup { Id = Ids.Next(), Name = name, ClusterId = engine.Cluster.Id, Positive = true, Enforcing = false };
        engine.AffinityGroups[group.Id] = group;
        return group;
    }

    private SimAffinityLabel AddAffinityLabel(SimEngine engine, string name)
    {
        var label = new SimAffinityLabel { Id = Ids.Next(), Name = name };
        foreach (var host in engine.Hosts.Values.Take(2))
        {
            label.HostIds.Add(host.Id);
        }

        engine.AffinityLabels[label.Id] = label;
        return label;
    }

    /// <summary>The <paramref name="i"/>th host of a site: name, address and size follow the site's pattern.</summary>
    private SimHost NewHost(string prefix, string net, int i, string clusterId, string site) => new()
    {
        Id = Ids.Next(),
        Name = $"host-{prefix}-{i:D2}",
        Address = $"{net}.0.{10 + i}",
        ClusterId = clusterId,
        SiteLabel = site,
        Sockets = 2,
        CoresPerSocket = i % 3 == 0 ? 24 : 16,
        ThreadsPerCore = 2,
        // Most hosts have a fencing device; a few do not, which readiness should flag.
        PowerManagementEnabled = i % 4 != 3,
    };

    private static void SizeHosts(SimEngine engine, int vms)
    {
        // Enough memory that every VM the estate runs fits with headroom, even at 10,000 VMs.
        var needed = vms * 8 * GiB * 14 / 10 / Math.Max(1, engine.Hosts.Count);
        var memory = Math.Max(256 * GiB, ((needed / (64 * GiB)) + 1) * 64 * GiB);
        foreach (var host in engine.Hosts.Values)
        {
            host.MemoryBytes = memory;
        }
    }

    private void AddPrimaryVms(
        SimEngine engine, SimStorageDomain[] domains, List<SimTemplate> templates, SimAffinityGroup group, SimAffinityLabel label, DateTimeOffset ovfUpdatedAt)
    {
        var profiles = engine.VnicProfiles.Values.ToList();
        var networkNames = engine.Networks.Values.ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);
        var hosts = engine.Hosts.Values.ToList();
        var load = new long[hosts.Count];
        var directLuns = 0;
        for (var i = 1; i <= options.VmsPerSite; i++)
        {
            var role = Roles[_random.Next(Roles.Length)];
            var domain = domains[WeightedDomain()];
            var template = _random.NextDouble() < 0.2 ? templates[0] : templates[1 + _random.Next(templates.Count - 1)];
            var ha = _random.NextDouble() < 0.3;
            var createdAfterOvf = _random.NextDouble() < 0.05;
            var vm = new SimVm
            {
                Id = Ids.Next(),
                Name = $"prod-{role}-{i:D3}",
                Description = $"{role} tier",
                ClusterId = engine.Cluster.Id,
                MemoryBytes = (1L << _random.Next(1, 5)) * GiB,
                Cpus = 1 << _random.Next(0, 3),
                HighlyAvailable = ha,
                HaPriority = ha ? HaPriorities[_random.Next(HaPriorities.Length)] : 1,
                DeleteProtected = _random.NextDouble() < 0.1,
                TemplateId = template.Id,
                OriginalTemplateId = template.Id,
                OsType = template.Id == SimTemplate.BlankId ? "rhel_8x64" : template.OsType,
                CreatedAt = createdAfterOvf ? ovfUpdatedAt.AddMinutes(1 + _random.Next(15)) : now.AddDays(-_random.Next(1, 700)),
            };
            if (ha && _random.NextDouble() < 0.5)
            {
                vm.LeaseStorageDomainId = domain.Id;
            }

            vm.Disks.Add(new SimDisk(Ids.Next(), $"{vm.Name}_Disk1", (20 + (10 * _random.Next(0, 8))) * GiB, domain.Id, null, true));
            if (_random.NextDouble() < 0.4)
            {
                vm.Disks.Add(new SimDisk(Ids.Next(), $"{vm.Name}_Disk2", (50 + (50 * _random.Next(0, 6))) * GiB, domain.Id, null, false));
            }

            if (role == "db" && directLuns < 3)
            {
                var lun = directLuns == 0 ? MappedLunId : $"36001405{Ids.Next().Replace("-", "", StringComparison.Ordinal)[..25]}";
                vm.Disks.Add(new SimDisk(Ids.Next(), $"{vm.Name}_lun", 100 * GiB, null, lun, false));
                directLuns++;
            }

            var nicCount = 1 + (_random.NextDouble() < 0.3 ? 1 : 0);
            for (var n = 0; n < nicCount; n++)
            {
                var profile = profiles[n == 0 ? 1 + _random.Next(profiles.Count - 1) : 0];
                vm.Nics.Add(new SimNic(Ids.Next(), $"nic{n + 1}", Ids.NextMac(), profile.Id, networkNames[profile.NetworkId], profile.Name));
            }

            ConfigureGuest(vm, i);
            if (_random.NextDouble() < 0.1)
            {
                group.VmIds.Add(vm.Id);
                vm.AffinityGroupNames.Add(group.Name);
            }

            if (_random.NextDouble() < 0.15)
            {
                label.VmIds.Add(vm.Id);
                vm.AffinityLabelNames.Add(label.Name);
            }

            if (_random.NextDouble() < 0.8)
            {
                var h = LeastLoaded(load);
                vm.Status = "up";
                vm.WantsUp = true;
                vm.HostId = hosts[h].Id;
                vm.StartedAt = now.AddHours(-_random.Next(1, 2000));
                load[h] += vm.MemoryBytes;
            }

            engine.Vms[vm.Id] = vm;
        }
    }

    /// <summary>
    /// The guest of the <paramref name="i"/>th primary VM, decided by its number so the estate's random draws stay as they were:
    /// each vNIC has an address in its network's subnet (<see cref="GuestSubnets"/>, host part from the number); a Linux VM
    /// mostly has its own cloud-init initialization naming them (a Windows VM never: it has no cloud-init); one VM in ten has
    /// no guest agent and one in ten a slow one.
    /// </summary>
    private static void ConfigureGuest(SimVm vm, int i)
    {
        var host = 10 + ((i - 1) % 240);
        vm.Nics = [.. vm.Nics.Select(n => n.NetworkName is { } network && GuestSubnets.TryGetValue(network, out var subnet) ? n with { Address = $"{subnet}.{host}" } : n)];
        vm.HasGuestAgent = i % 10 != 7;
        vm.GuestAgentDelaySeconds = i % 10 == 4 ? 60 : 5;
        vm.GuestAgentReporting = vm.HasGuestAgent;
        if (vm.OsType.StartsWith("windows", StringComparison.Ordinal) || i % 4 == 3)
        {
            return;
        }

        var nics = vm.Nics.Select((n, index) => n.Address is null
            ? new SimNicConfiguration(SimVm.GuestInterfaceName(index), "dhcp", null, null, null, true)
            : new SimNicConfiguration(SimVm.GuestInterfaceName(index), "static", n.Address, "255.255.255.0", $"{n.Address[..n.Address.LastIndexOf('.')]}.1", true));
        vm.Initialization = new SimInitialization([.. nics], "10.10.0.53");
    }

    // Lab:DataDomains above the four of the oVirt example: alternately NFS exports and iSCSI targets, replicated like theirs.
    private List<(SimStorageDomain Domain, string? RecoveryTarget)> AddExtraDataDomains(SimEngine primary, string dcId)
    {
        var extra = new List<(SimStorageDomain, string?)>();
        for (var n = 5; n <= options.DataDomains; n++)
        {
            extra.Add(n % 2 == 1
                ? (AddDomain(primary, $"path{n}", "nfs", "10.10.1.10", $"/export/path{n}", null, dcId), null)
                : (AddDomain(primary, $"scsi_domain{n}", "iscsi", "10.10.1.20", null, $"iqn.2017-10.com.primary.redhat:{440 + n}", dcId),
                    $"iqn.2017-07.com.recovery.redhat:{440 + n}"));
        }

        return extra;
    }

    private int WeightedDomain()
    {
        if (options.DataDomains > 4)
        {
            // A benchmark estate: VMs spread evenly, so the critical path does not hang on one crowded domain.
            return _random.Next(options.DataDomains);
        }

        var r = _random.NextDouble();
        return r < 0.35 ? 0 : r < 0.6 ? 1 : r < 0.85 ? 2 : 3;
    }

    private static int LeastLoaded(long[] load)
    {
        var best = 0;
        for (var i = 1; i < load.Length; i++)
        {
            if (load[i] < load[best])
            {
                best = i;
            }
        }

        return best;
    }

    private void AddRecoveryVms(SimEngine engine, SimStorageDomain domain)
    {
        var profile = engine.VnicProfiles.Values.First(p => p.Name == "vm_prod");
        var hosts = engine.Hosts.Values.ToList();
        for (var i = 1; i <= 5; i++)
        {
            var vm = new SimVm
            {
                Id = Ids.Next(),
                Name = $"rec-util-{i:D2}",
                Description = "recovery site utility",
                ClusterId = engine.Cluster.Id,
                MemoryBytes = 2 * GiB,
                Cpus = 2,
                Status = "up",
                WantsUp = true,
                HostId = hosts[i % hosts.Count].Id,
                CreatedAt = now.AddDays(-100),
                StartedAt = now.AddDays(-3),
            };
            vm.Disks.Add(new SimDisk(Ids.Next(), $"{vm.Name}_Disk1", 20 * GiB, domain.Id, null, true));
            vm.Nics.Add(new SimNic(Ids.Next(), "nic1", Ids.NextMac(), profile.Id, "vm_prod", profile.Name, $"10.20.100.{200 + i}"));
            engine.Vms[vm.Id] = vm;
        }
    }

    private static void SizeDomain(SimEngine engine, SimStorageDomain domain)
    {
        long committed = 0;
        foreach (var vm in engine.Vms.Values)
        {
            foreach (var disk in vm.Disks)
            {
                if (disk.StorageDomainId == domain.Id)
                {
                    committed += disk.ProvisionedBytes;
                }
            }
        }

        committed += 100 * GiB;
        var used = committed * 45 / 100;
        var total = Math.Max(2 * TiB, ((committed * 8 / 10 / TiB) + 1) * TiB);
        domain.CommittedBytes = committed;
        domain.UsedBytes = used;
        domain.AvailableBytes = total - used;
    }

    private ReplicationPair NewPair(SimStorageDomain domain, string mode, int interval, string targetAddress, string? targetPath, string? targetIqn) => new()
    {
        Id = $"pair-{domain.Name}",
        DomainId = domain.Id,
        DomainName = domain.Name,
        StorageType = domain.StorageType,
        SourceSite = PrimarySite,
        TargetSite = RecoverySite,
        Mode = mode,
        IntervalSeconds = interval,
        LastSync = now,
        Endpoints = new(StringComparer.Ordinal)
        {
            [PrimarySite] = new ArrayEndpoint(domain.Address ?? "", domain.Path, domain.Target),
            [RecoverySite] = new ArrayEndpoint(targetAddress, targetPath, targetIqn),
        },
        ReplicaVms = domain.OvfVms,
        ReplicaTemplates = domain.OvfTemplates,
        ReplicaOvfUpdatedAt = domain.OvfUpdatedAt,
        SizeBytes = domain.AvailableBytes + domain.UsedBytes,
        UsedBytes = domain.UsedBytes,
        CommittedBytes = domain.CommittedBytes,
    };
}
