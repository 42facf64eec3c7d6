using RhvDr.Lab.Resources;
using RhvDr.Lab.Simulation;

namespace RhvDr.Lab.Api;

/// <summary>Turns simulated objects into API resources with the element names of the oVirt API model. Called under the simulation lock.</summary>
public sealed class EngineRenderer(SimEngine engine)
{
    private const string Base = ApiPaths.Base;

    public static ResourceNode Fault(string reason, string detail) =>
        ResourceNode.Element("fault").Add("reason", reason).Add("detail", detail);

    /// <summary>The API root as <paramref name="user"/> sees it: the product, a summary, and who is signed in.</summary>
    public ResourceNode Api(DateTimeOffset now, LabAccount user) =>
        ResourceNode.Element("api", Base)
            .Add(ResourceNode.Element("product_info")
                .Add("name", "oVirt Engine")
                .Add("vendor", "RhvDr Lab (simulated)")
                .Add(ResourceNode.Element("version").Add("build", 7).Add("full_version", "4.5.5-1.el8").Add("major", 4).Add("minor", 5).Add("revision", 0)))
            .Add(ResourceNode.Element("summary")
                .Add(ResourceNode.Element("hosts").Add("active", engine.Hosts.Values.Count(h => h.Status == "up")).Add("total", engine.Hosts.Count))
                .Add(ResourceNode.Element("storage_domains").Add("active", engine.StorageDomains.Values.Count(s => s.Status == "active")).Add("total", engine.StorageDomains.Count))
                .Add(ResourceNode.Element("vms").Add("active", engine.Vms.Values.Count(v => v.Status == "up")).Add("total", engine.Vms.Count)))
            .Add("time", now)
            .AddRef("authenticated_user", "users", user.Id);

    public ResourceNode Host(SimHost host)
    {
        var running = engine.Vms.Values.Count(v => v.HostId == host.Id && v.Status != "down");
        var migrating = engine.Vms.Values.Count(v => v.HostId == host.Id && v.Status == "migrating");
        return ResourceNode.Element("host", $"{Base}/hosts/{host.Id}", host.Id)
            .Add("name", host.Name)
            .Add("comment", $"site={host.SiteLabel}")
            .Add("address", host.Address)
            .Add("status", host.Status)
            .Add("type", "rhel")
            .Add("external_status", "ok")
            .AddRef("cluster", "clusters", host.ClusterId)
            .Add("memory", host.MemoryBytes)
            .Add("max_scheduling_memory", host.MemoryBytes * 9 / 10)
            .Add(ResourceNode.Element("cpu")
                .Add("name", host.CpuName)
                .Add("speed", 3000)
                .Add(ResourceNode.Element("topology").Add("cores", host.CoresPerSocket).Add("sockets", host.Sockets).Add("threads", host.ThreadsPerCore)))
            .Add(ResourceNode.Element("power_management")
                .Add("enabled", host.PowerManagementEnabled)
                .Add("automatic_pm_enabled", host.PowerManagementEnabled)
                .Add("kdump_detection", false))
            .Add(ResourceNode.Element("spm").Add("priority", host.SpmPriority).Add("status", host.IsSpm ? "spm" : "none"))
            .Add(ResourceNode.Element("summary").Add("active", running).Add("migrating", migrating).Add("total", running))
            .Add(ResourceNode.Element("os").Add("type", "RHEL").Add(ResourceNode.Element("version").Add("full_version", "8.9 - 1.el8")))
            .Add(LabelRefs(l => l.HostIds.Contains(host.Id)));
    }

    public ResourceNode DataCenter(SimDataCenter dc) =>
        ResourceNode.Element("data_center", $"{Base}/datacenters/{dc.Id}", dc.Id)
            .Add("name", dc.Name)
            .Add("local", false)
            .Add("quota_mode", "disabled")
            .Add("status", dc.Status)
            .Add("storage_format", "v5")
            .Add(ResourceNode.Element("version").Add("major", dc.VersionMajor).Add("minor", dc.VersionMinor))
            .Add(ResourceNode.List("supported_versions").Add(ResourceNode.Element("version").Add("major", dc.VersionMajor).Add("minor", dc.VersionMinor)));

    public ResourceNode Cluster(SimCluster cluster) =>
        ResourceNode.Element("cluster", $"{Base}/clusters/{cluster.Id}", cluster.Id)
            .Add("name", cluster.Name)
            .Add(ResourceNode.Element("cpu").Add("architecture", "x86_64").Add("type", cluster.CpuType))
            .AddRef("data_center", "datacenters", cluster.DataCenterId)
            .Add(ResourceNode.Element("fencing_policy").Add("enabled", true))
            .Add("ha_reservation", false)
            .Add(ResourceNode.Element("version").Add("major", cluster.VersionMajor).Add("minor", cluster.VersionMinor));

    /// <summary>A storage domain; <paramref name="inDataCenter"/> renders it as the data center's sub-collection does, with its status there.</summary>
    public ResourceNode StorageDomain(SimStorageDomain sd, string? inDataCenter = null, string? href = null)
    {
        var node = ResourceNode.Element("storage_domain", href ?? (inDataCenter is null ? $"{Base}/storagedomains/{sd.Id}" : $"{Base}/datacenters/{inDataCenter}/storagedomains/{sd.Id}"), sd.Id)
            .Add("name", sd.Name)
            .Add("available", sd.AvailableBytes)
            .Add("used", sd.UsedBytes)
            .Add("committed", sd.CommittedBytes)
            .Add("backup", false)
            .Add("critical_space_action_blocker", 5)
            .Add("warning_low_space_indicator", 10)
            .Add("discard_after_delete", false)
            .Add("wipe_after_delete", false)
            .Add("external_status", sd.ExternalStatus)
            .Add("master", sd.Master)
            .Add("storage_format", "v5")
            .Add("supports_discard", sd.StorageType == "iscsi")
            .Add("type", sd.Type);

        // Attached domains report status only through their data center, as the engine does.
        if (inDataCenter is not null || sd.DataCenterId is null)
        {
            node.Add("status", sd.Status);
        }

        var storage = ResourceNode.Element("storage").Add("type", sd.StorageType);
        if (sd.StorageType is "iscsi" or "fcp")
        {
            var lun = ResourceNode.Element("logical_unit", null, $"3600140{sd.Id.Replace("-", "", StringComparison.Ordinal)[..26]}")
                .Add("address", sd.Address).Add("port", sd.Port).Add("target", sd.Target).Add("size", sd.AvailableBytes + sd.UsedBytes);
            storage.Add(ResourceNode.Element("volume_group", null, sd.Id).Add(ResourceNode.List("logical_units").Add(lun)));
        }
        else
        {
            storage.Add("address", sd.Address).Add("path", sd.Path).Add("nfs_version", sd.StorageType == "nfs" ? "auto" : null);
        }

        node.Add(storage);
        if (sd.DataCenterId is not null)
        {
            node.Add(inDataCenter is not null
                ? ResourceNode.Element("data_center", $"{Base}/datacenters/{sd.DataCenterId}", sd.DataCenterId)
                : ResourceNode.List("data_centers").Add(ResourceNode.Element("data_center", $"{Base}/datacenters/{sd.DataCenterId}", sd.DataCenterId)));
        }

        return node;
    }

    public ResourceNode Vm(SimVm vm, bool expandDisks = false, string? href = null, bool expandNics = false)
    {
        var node = ResourceNode.Element("vm", href ?? $"{Base}/vms/{vm.Id}", vm.Id)
            .Add("name", vm.Name)
            .Add("description", vm.Description)
            .Add("status", vm.Status)
            .Add("type", "server")
            .Add("memory", vm.MemoryBytes)
            .Add(MemoryPolicy(vm.MemoryBytes))
            .Add(Bios())
            .Add(ResourceNode.Element("cpu").Add("architecture", "x86_64")
                .Add(ResourceNode.Element("topology").Add("cores", 1).Add("sockets", vm.Cpus).Add("threads", 1)))
            .Add(ResourceNode.Element("high_availability").Add("enabled", vm.HighlyAvailable).Add("priority", vm.HaPriority))
            .Add("delete_protected", vm.DeleteProtected)
            .Add("stateless", false)
            .Add(ResourceNode.Element("os").Add("type", vm.OsType));
        AddVmBaseDefaults(node);
        node
            .Add("next_run_configuration_exists", false)
            .Add("use_latest_template_version", false)
            .Add("creation_time", vm.CreatedAt)
            .Add("start_time", vm.StartedAt)
            .Add("fqdn", vm.GuestAgentReporting ? $"{vm.Name}.lab.example" : null)
            .Add(ResourceNode.Element("placement_policy").Add("affinity", vm.PlacementAffinity))
            .AddRef("cluster", "clusters", vm.ClusterId)
            .AddRef("host", "hosts", vm.Status == "down" ? null : vm.HostId)
            .AddRef("template", "templates", vm.TemplateId)
            .AddRef("original_template", "templates", vm.OriginalTemplateId);
        if (vm.LeaseStorageDomainId is not null)
        {
            node.Add(ResourceNode.Element("lease").AddRef("storage_domain", "storagedomains", vm.LeaseStorageDomainId));
        }

        node.Add(ResourceNode.Link($"{Base}/vms/{vm.Id}/diskattachments", "diskattachments"));
        node.Add(ResourceNode.Link($"{Base}/vms/{vm.Id}/nics", "nics"));
        node.Add(ResourceNode.Link($"{Base}/vms/{vm.Id}/numanodes", "numanodes"));
        node.Add(ResourceNode.Link($"{Base}/vms/{vm.Id}/reporteddevices", "reporteddevices"));
        node.Add(ResourceNode.Link($"{Base}/vms/{vm.Id}/snapshots", "snapshots"));
        if (vm.Initialization is { } initialization)
        {
            node.Add(Initialization(initialization));
        }

        if (expandDisks)
        {
            node.Add(DiskAttachments(vm, expandDisk: true));
        }

        if (expandNics)
        {
            node.Add(Nics(vm));
        }

        return node;
    }

    /// <summary>
    /// A VM's snapshots. The lab takes none, so the list is the one every VM has: its "Active VM" snapshot, whose id follows
    /// from the VM's.
    /// </summary>
    public static ResourceNode Snapshots(SimVm vm) => ResourceNode.List("snapshots").Add(ActiveSnapshot(vm));

    public static ResourceNode ActiveSnapshot(SimVm vm)
    {
        var id = DeterministicIds.Derive(vm.Id, "active-snapshot");
        return ResourceNode.Element("snapshot", $"{Base}/vms/{vm.Id}/snapshots/{id}", id)
            .Add("description", "Active VM")
            .Add("date", vm.CreatedAt)
            .Add("persist_memorystate", false)
            .Add("snapshot_status", "ok")
            .Add("snapshot_type", "active")
            .AddRef("vm", "vms", vm.Id);
    }

    /// <summary>The memory policy the engine gives a new VM or template: all of its memory guaranteed, up to 4x hot-plug, balloon on.</summary>
    private static ResourceNode MemoryPolicy(long memoryBytes) =>
        ResourceNode.Element("memory_policy").Add("guaranteed", memoryBytes).Add("max", memoryBytes * 4).Add("ballooning", true);

    /// <summary>
    /// The firmware a new VM or template gets: the cluster's default, no boot menu. The engine always returns it, and the
    /// Ansible modules read <c>bios.boot_menu</c> of every template they register.
    /// </summary>
    private static ResourceNode Bios() =>
        ResourceNode.Element("bios").Add(ResourceNode.Element("boot_menu").Add("enabled", false)).Add("type", "cluster_default");

    /// <summary>
    /// What the engine gives every VM and template it creates and the lab does not model: console, SSO through the guest
    /// agent, no USB, one I/O thread, UTC, no sound card. The Ansible modules compare each of these on every VM and
    /// template they touch, so each must be present.
    /// </summary>
    private static ResourceNode AddVmBaseDefaults(ResourceNode node) => node
        .Add(ResourceNode.Element("console").Add("enabled", false))
        .Add("cpu_shares", 0)
        .Add(ResourceNode.Element("display")
            .Add("allow_override", false).Add("copy_paste_enabled", true).Add("disconnect_action", "LOCK_SCREEN")
            .Add("file_transfer_enabled", true).Add("monitors", 1).Add("single_qxl_pci", false)
            .Add("smartcard_enabled", false).Add("type", "vnc"))
        .Add(ResourceNode.Element("io").Add("threads", 1))
        .Add(ResourceNode.Element("sso").Add(ResourceNode.List("methods").Add(ResourceNode.Element("method", null, "guest_agent"))))
        .Add("soundcard_enabled", false)
        .Add(ResourceNode.Element("time_zone").Add("name", "Etc/GMT").Add("utc_offset", "+00:00"))
        .Add(ResourceNode.Element("usb").Add("enabled", false));

    public ResourceNode DiskAttachments(SimVm vm, bool expandDisk) =>
        DiskAttachmentList(vm.Disks, $"{Base}/vms/{vm.Id}", "vm", "vms", vm.Id, expandDisk);

    public ResourceNode Disk(SimDisk disk)
    {
        var node = ResourceNode.Element("disk", $"{Base}/disks/{disk.Id}", disk.Id)
            .Add("name", disk.Name)
            .Add("alias", disk.Name)
            .Add("provisioned_size", disk.ProvisionedBytes)
            .Add("actual_size", disk.LunId is null ? disk.ProvisionedBytes * 45 / 100 : disk.ProvisionedBytes)
            .Add("shareable", false)
            .Add("status", "ok")
            .Add("storage_type", disk.LunId is null ? "image" : "lun");
        if (disk.LunId is null)
        {
            node.Add("format", "cow").Add("sparse", true)
                .Add(StorageDomainRefs(disk));
        }
        else
        {
            // Where the site's hosts log in to see it, as the engine records for a direct LUN disk.
            var (address, target) = EstateGenerator.LunPortal(engine.Site);
            node.Add(ResourceNode.Element("lun_storage").Add("type", "iscsi")
                .Add(ResourceNode.List("logical_units").Add(ResourceNode.Element("logical_unit", null, disk.LunId)
                    .Add("address", address).Add("port", 3260).Add("size", disk.ProvisionedBytes).Add("target", target))));
        }

        return node;
    }

    private static ResourceNode StorageDomainRefs(SimDisk disk)
    {
        var list = ResourceNode.List("storage_domains");
        foreach (var id in disk.StorageDomainIds)
        {
            list.Add(ResourceNode.Element("storage_domain", $"{Base}/storagedomains/{id}", id));
        }

        return list;
    }

    public ResourceNode Nics(SimVm vm)
    {
        var list = ResourceNode.List("nics");
        foreach (var nic in vm.Nics)
        {
            list.Add(ResourceNode.Element("nic", $"{Base}/vms/{vm.Id}/nics/{nic.Id}", nic.Id)
                .Add("name", nic.Name)
                .Add("interface", "virtio")
                .Add("linked", true)
                .Add("plugged", true)
                .Add(ResourceNode.Element("mac").Add("address", nic.Mac))
                .AddRef("vnic_profile", "vnicprofiles", nic.VnicProfileId)
                .AddRef("vm", "vms", vm.Id));
        }

        return list;
    }

    /// <summary>A cloud-init initialization as the model writes it: <c>nic_configurations</c> and <c>dns_servers</c>.</summary>
    public static ResourceNode Initialization(SimInitialization initialization)
    {
        var nics = ResourceNode.List("nic_configurations");
        foreach (var nic in initialization.NicConfigurations)
        {
            var ip = nic.Address is null ? null : ResourceNode.Element("ip").Add("address", nic.Address).Add("netmask", nic.Netmask).Add("gateway", nic.Gateway).Add("version", "v4");
            nics.Add(ResourceNode.Element("nic_configuration").Add("name", nic.Name).Add("boot_protocol", nic.BootProtocol).Add(ip).Add("on_boot", nic.OnBoot));
        }

        return ResourceNode.Element("initialization").Add(nics).Add("dns_servers", initialization.DnsServers);
    }

    /// <summary>
    /// <c>GET /vms/{id}/reporteddevices</c>: what the guest agent reports, one <c>network</c> device per guest interface with its
    /// MAC and addresses; empty while the agent does not report (the VM is not up, its agent has not started, or it has none).
    /// </summary>
    public static ResourceNode ReportedDevices(SimVm vm)
    {
        var list = ResourceNode.List("reported_devices");
        if (!vm.GuestAgentReporting)
        {
            return list;
        }

        foreach (var (name, nic, address, netmask, gateway) in vm.GuestInterfaces())
        {
            var id = DeterministicIds.Derive(vm.Id, $"reported-{name}");
            var ips = ResourceNode.List("ips");
            if (address is not null)
            {
                ips.Add(ResourceNode.Element("ip").Add("address", address).Add("netmask", netmask).Add("gateway", gateway).Add("version", "v4"));
            }

            list.Add(ResourceNode.Element("reported_device", $"{Base}/vms/{vm.Id}/reporteddevices/{id}", id)
                .Add("name", name)
                .Add("description", "guest reported data")
                .Add("type", "network")
                .Add(ips)
                .Add(ResourceNode.Element("mac").Add("address", nic.Mac))
                .AddRef("vm", "vms", vm.Id));
        }

        return list;
    }

    /// <summary><c>GET /hosts/{id}/storage</c>: one entry per LUN the host sees, as the engine lists them after a scan.</summary>
    public static ResourceNode HostStorage(IEnumerable<string> lunIds, string address, string target)
    {
        var list = ResourceNode.List("host_storages");
        foreach (var id in lunIds.Order(StringComparer.Ordinal))
        {
            list.Add(ResourceNode.Element("host_storage", null, id)
                .Add("type", "iscsi")
                .Add(ResourceNode.List("logical_units").Add(ResourceNode.Element("logical_unit", null, id)
                    .Add("address", address).Add("port", 3260).Add("target", target).Add("status", "free"))));
        }

        return list;
    }

    public ResourceNode Template(SimTemplate template, string? href = null) =>
        AddVmBaseDefaults(ResourceNode.Element("template", href ?? $"{Base}/templates/{template.Id}", template.Id))
            .Add("name", template.Name)
            .Add("status", "ok")
            .Add("type", "server")
            .Add("memory", template.MemoryBytes)
            .Add(MemoryPolicy(template.MemoryBytes))
            .Add(Bios())
            .Add(ResourceNode.Element("cpu").Add(ResourceNode.Element("topology").Add("cores", 1).Add("sockets", template.Cpus).Add("threads", 1)))
            .Add(ResourceNode.Element("os").Add("type", template.OsType))
            .Add("creation_time", template.CreatedAt)
            .AddRef("cluster", "clusters", template.ClusterId)
            .Add(ResourceNode.Element("version").Add("version_name", "base").Add("version_number", 1))
            .Add(ResourceNode.Link($"{Base}/templates/{template.Id}/diskattachments", "diskattachments"));

    /// <summary>A template's disk attachments (<c>/templates/{id}/diskattachments</c>), each naming its template rather than a VM.</summary>
    public ResourceNode TemplateDiskAttachments(SimTemplate template, bool expandDisk) =>
        DiskAttachmentList(template.Disks, $"{Base}/templates/{template.Id}", "template", "templates", template.Id, expandDisk);

    /// <summary>The disk attachments of a VM or a template at <paramref name="ownerHref"/>, each naming its owner.</summary>
    private ResourceNode DiskAttachmentList(IEnumerable<SimDisk> disks, string ownerHref, string owner, string ownerCollection, string ownerId, bool expandDisk)
    {
        var list = ResourceNode.List("disk_attachments");
        foreach (var disk in disks)
        {
            list.Add(ResourceNode.Element("disk_attachment", $"{ownerHref}/diskattachments/{disk.Id}", disk.Id)
                .Add("active", true)
                .Add("bootable", disk.Bootable)
                .Add("interface", "virtio_scsi")
                .Add("pass_discard", false)
                .Add("read_only", false)
                .Add("uses_scsi_reservation", false)
                .Add(expandDisk ? Disk(disk) : ResourceNode.Element("disk", $"{Base}/disks/{disk.Id}", disk.Id))
                .AddRef(owner, ownerCollection, ownerId));
        }

        return list;
    }

    public ResourceNode AffinityGroup(SimAffinityGroup group)
    {
        var vms = ResourceNode.List("vms");
        foreach (var id in group.VmIds)
        {
            vms.Add(ResourceNode.Element("vm", $"{Base}/vms/{id}", id));
        }

        var hosts = ResourceNode.List("hosts");
        foreach (var id in group.HostIds)
        {
            hosts.Add(ResourceNode.Element("host", $"{Base}/hosts/{id}", id));
        }

        return ResourceNode.Element("affinity_group", $"{Base}/clusters/{group.ClusterId}/affinitygroups/{group.Id}", group.Id)
            .Add("name", group.Name)
            .Add("enforcing", group.Enforcing)
            .Add("positive", group.Positive)
            .Add("priority", 1)
            .AddRef("cluster", "clusters", group.ClusterId)
            .Add(ResourceNode.Element("vms_rule").Add("enabled", true).Add("enforcing", group.Enforcing).Add("positive", group.Positive))
            .Add(ResourceNode.Element("hosts_rule").Add("enabled", group.HostIds.Count > 0).Add("enforcing", false).Add("positive", true))
            .Add(vms)
            .Add(hosts);
    }

    public ResourceNode AffinityLabel(SimAffinityLabel label)
    {
        var vms = ResourceNode.List("vms");
        foreach (var id in label.VmIds)
        {
            vms.Add(ResourceNode.Element("vm", $"{Base}/vms/{id}", id));
        }

        var hosts = ResourceNode.List("hosts");
        foreach (var id in label.HostIds)
        {
            hosts.Add(ResourceNode.Element("host", $"{Base}/hosts/{id}", id));
        }

        return ResourceNode.Element("affinity_label", $"{Base}/affinitylabels/{label.Id}", label.Id)
            .Add("name", label.Name)
            .Add("read_only", false)
            .Add(vms)
            .Add(hosts);
    }

    public ResourceNode Network(SimNetwork network)
    {
        var node = ResourceNode.Element("network", $"{Base}/networks/{network.Id}", network.Id)
            .Add("name", network.Name)
            .Add("description", network.Description)
            .Add("mtu", 0)
            .Add("stp", false)
            .Add("required", true)
            .AddRef("data_center", "datacenters", network.DataCenterId)
            .Add(ResourceNode.List("usages").Add("usage", network.VmNetwork ? "vm" : null).Add("usage", network.Name == "ovirtmgmt" ? "management" : null));
        if (network.VlanId is not null)
        {
            node.Add(ResourceNode.Element("vlan", null, network.VlanId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return node;
    }

    public ResourceNode VnicProfile(SimVnicProfile profile) =>
        ResourceNode.Element("vnic_profile", $"{Base}/vnicprofiles/{profile.Id}", profile.Id)
            .Add("name", profile.Name)
            .Add("port_mirroring", false)
            .Add(ResourceNode.Element("pass_through").Add("mode", "disabled"))
            .AddRef("network", "networks", profile.NetworkId);

    public static ResourceNode Event(SimEvent e) =>
        ResourceNode.Element("event", $"{Base}/events/{e.Id}", e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("code", e.Code)
            .Add("description", e.Description)
            .Add("severity", e.Severity)
            .Add("time", e.Time)
            .Add("origin", "oVirt")
            .Add("custom_id", -1)
            .Add("flood_rate", 30)
            .Add("correlation_id", e.CorrelationId)
            .AddRef("host", "hosts", e.HostId)
            .AddRef("vm", "vms", e.VmId)
            .AddRef("storage_domain", "storagedomains", e.StorageDomainId)
            .AddRef("data_center", "datacenters", e.DataCenterId)
            .AddRef("cluster", "clusters", e.ClusterId);

    public static ResourceNode Job(SimJob job) =>
        ResourceNode.Element("job", $"{Base}/jobs/{job.Id}", job.Id)
            .Add("description", job.Description)
            .Add("status", job.Status)
            .Add("auto_cleared", true)
            .Add("external", false)
            .Add("start_time", job.StartTime)
            .Add("end_time", job.EndTime)
            .Add("last_updated", job.LastUpdated)
            .Add(ResourceNode.Element("owner", $"{Base}/users/admin", "admin"));

    private ResourceNode LabelRefs(Func<SimAffinityLabel, bool> predicate)
    {
        var list = ResourceNode.List("affinity_labels");
        foreach (var label in engine.AffinityLabels.Values.Where(predicate))
        {
            list.Add(ResourceNode.Element("affinity_label", $"{Base}/affinitylabels/{label.Id}", label.Id));
        }

        return list;
    }
}
