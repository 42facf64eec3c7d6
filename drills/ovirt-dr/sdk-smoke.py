#!/usr/bin/python3
"""Connection and read/action smoke test of the official oVirt Python SDK (ovirtsdk4) against RhvDr's lab engines.

Runs the SDK calls the ovirt.ovirt disaster_recovery role and its modules make: connection test, system product info
and summary, every collection the role reads, search, follow, follow_link, a VM stop/start and update_ovf_store.
Prints PASS/FAIL per check with the exact error and exits 1 when any check failed.

    PYTHONPATH=/opt/ovirt-drill/sdk/lib /usr/bin/python3 sdk-smoke.py [--env /tmp/ovirt-drill/lab.env] [--site primary]

The engine comes from the env file run-lab.sh writes (PRIMARY_URL / RECOVERY_URL, LAB_CA, LAB_USER, LAB_PASSWORD).
"""
import argparse
import os
import sys
import time
import traceback

try:
    import ovirtsdk4 as sdk
    import ovirtsdk4.types as types
    import ovirtsdk4.version
except ImportError as error:
    sys.exit(
        "ovirtsdk4 is not importable (%s). Build it from github.com/oVirt/python-ovirt-engine-sdk4 as the drill's "
        "README says (export the tree to /opt/ovirt-drill/sdk, write lib/ovirtsdk4/version.py, compile ext/*.c into "
        "lib/ovirtsdk4/xml*.so) and run with PYTHONPATH=/opt/ovirt-drill/sdk/lib /usr/bin/python3" % error)

results = []


def check(name, action):
    started = time.monotonic()
    try:
        detail = action()
        results.append((name, True))
        print("PASS %-55s %6.2fs %s" % (name, time.monotonic() - started, detail if detail is not None else ""))
        return True
    except Exception as error:  # every failure is reported, the run goes on
        results.append((name, False))
        print("FAIL %-55s %6.2fs %s: %s" % (name, time.monotonic() - started, type(error).__name__, error))
        if os.environ.get("SMOKE_TRACE"):
            traceback.print_exc()
        return False


def read_env(path):
    values = {}
    with open(path) as env:
        for line in env:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key] = value
    return values


def wait_status(vm_service, wanted, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        status = vm_service.get().status
        if status == wanted:
            return status
        if time.monotonic() > deadline:
            raise RuntimeError("VM still %s after %ss, wanted %s" % (status, seconds, wanted))
        time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env", default=os.path.join(os.environ.get("DRILL_DIR", "/tmp/ovirt-drill"), "lab.env"))
    parser.add_argument("--site", choices=["primary", "recovery"], default="primary")
    parser.add_argument("--no-actions", action="store_true", help="skip the VM stop/start and update_ovf_store")
    args = parser.parse_args()
    env = read_env(args.env)
    url = env["PRIMARY_URL" if args.site == "primary" else "RECOVERY_URL"]
    print("ovirtsdk4 %s from %s against %s (%s)" % (sdk.version.VERSION, os.path.dirname(sdk.__file__), url, args.site))

    connection = sdk.Connection(url=url, username=env["LAB_USER"], password=env["LAB_PASSWORD"],
                                ca_file=env["LAB_CA"], timeout=60)
    state = {}
    system = connection.system_service()

    check("connection.test(raise_exception=True)", lambda: connection.test(raise_exception=True))
    check("connection.authenticate() gives a token", lambda: "token of %d chars" % len(connection.authenticate() or ""))

    def product():
        api = system.get()
        info = api.product_info
        state["api"] = api
        return "%s %s.%s (%s)" % (info.name, info.version.major, info.version.minor, info.version.full_version)
    check("GET / product_info", product)

    def summary():
        s = state["api"].summary
        return "vms %s/%s hosts %s/%s storage_domains %s/%s" % (
            s.vms.active, s.vms.total, s.hosts.active, s.hosts.total, s.storage_domains.active, s.storage_domains.total)
    check("GET / summary", summary)

    def listing(name, service_call, **kwargs):
        def run():
            items = service_call().list(**kwargs)
            state[name] = items
            return "%d items" % len(items)
        check("list %s%s" % (name, " " + repr(kwargs) if kwargs else ""), run)

    listing("data_centers", system.data_centers_service)
    listing("clusters", system.clusters_service)
    listing("hosts", system.hosts_service)
    listing("hosts_up", system.hosts_service, search="status=up")
    listing("storage_domains", system.storage_domains_service)
    listing("vms", system.vms_service)
    listing("templates", system.templates_service)
    listing("disks", system.disks_service)
    listing("affinity_labels", system.affinity_labels_service)
    listing("domains", system.domains_service)
    listing("vnic_profiles", system.vnic_profiles_service)
    listing("networks", system.networks_service)
    listing("jobs", system.jobs_service)
    def last_event():
        # ovirt_host, ovirt_vm and ovirt_template start with events_service().list(max=1)[0].
        events = system.events_service().list(max=1)
        if not events:
            raise RuntimeError("GET /events?max=1 is empty; ovirt_host/ovirt_vm/ovirt_template index [0] of it")
        return "last event %s code %s" % (events[0].id, events[0].code)
    check("list events max=1 (non-empty)", last_event)

    dc = (state.get("data_centers") or [None])[0]
    if dc is not None:
        dc_service = system.data_centers_service().data_center_service(dc.id)
        check("GET data_centers/%s" % dc.name, lambda: dc_service.get().name)
        check("list data_centers/%s/clusters" % dc.name, lambda: "%d items" % len(dc_service.clusters_service().list()))
        check("list data_centers/%s/storagedomains" % dc.name,
              lambda: ", ".join("%s:%s" % (sd.name, sd.status) for sd in dc_service.storage_domains_service().list()))
        check("list data_centers/%s/networks" % dc.name, lambda: "%d items" % len(dc_service.networks_service().list()))
    for cluster in state.get("clusters") or []:
        cluster_service = system.clusters_service().cluster_service(cluster.id)
        check("list clusters/%s/affinitygroups" % cluster.name,
              lambda: "%d items" % len(cluster_service.affinity_groups_service().list()))
    host_up = (state.get("hosts_up") or [None])[0]
    if host_up is not None:
        host_service = system.hosts_service().host_service(host_up.id)
        check("list hosts/%s/storage" % host_up.name, lambda: "%d items" % len(host_service.storage_service().list()))

    for sd in state.get("storage_domains") or []:
        if sd.type != types.StorageDomainType.DATA:
            continue
        sd_service = system.storage_domains_service().storage_domain_service(sd.id)
        check("list storagedomains/%s/vms;unregistered" % sd.name,
              lambda: "%d items" % len(sd_service.vms_service().list(unregistered=True)))
        check("list storagedomains/%s/templates;unregistered" % sd.name,
              lambda: "%d items" % len(sd_service.templates_service().list(unregistered=True)))
        check("list storagedomains/%s/disks" % sd.name, lambda: "%d items" % len(sd_service.disks_service().list()))
        break

    vms = state.get("vms") or []
    if vms:
        first = vms[0]
        check("search vms name=%s" % first.name,
              lambda: [vm.name for vm in system.vms_service().list(search="name=%s" % first.name)])
        check("search storage_domains name=*", lambda: "%d items" % len(system.storage_domains_service().list(search="name=*")))
        dc_name = dc.name if dc is not None else ""
        check("search hosts status=up and datacenter=%s" % dc_name,
              lambda: "%d items" % len(system.hosts_service().list(search="status=up and datacenter=%s" % dc_name)))
        check("search storage_domains status=active",
              lambda: "%d items" % len(system.storage_domains_service().list(search="status=active")))
        check("search vms status=up", lambda: "%d items" % len(system.vms_service().list(search="status=up")))
        vm_service = system.vms_service().vm_service(first.id)
        check("GET vms/%s all_content=True" % first.name, lambda: vm_service.get(all_content=True).name)
        def follow_one():
            vm = vm_service.get(follow="disk_attachments,nics")
            linked = len(connection.follow_link(vm_service.get().nics))
            inline = len(vm.nics or [])
            if not vm.disk_attachments or inline != linked:
                raise RuntimeError("follow inlined disk_attachments %d, nics %d (the nics link holds %d)" % (
                    len(vm.disk_attachments or []), inline, linked))
            return "disk_attachments %d nics %d" % (len(vm.disk_attachments), inline)
        check("GET vms/%s follow=disk_attachments,nics" % first.name, follow_one)

        def follow_list():
            listed = system.vms_service().list(follow="cluster", max=3)
            if listed[0].cluster is None or listed[0].cluster.name is None:
                raise RuntimeError("cluster not inlined: vms[0].cluster.name is None")
            return "first cluster %s" % listed[0].cluster.name
        check("list vms follow=cluster", follow_list)
        check("follow_link vm.cluster", lambda: connection.follow_link(first.cluster).name)
        check("follow_link vm.disk_attachments",
              lambda: "%d items" % len(connection.follow_link(vm_service.get().disk_attachments)))
        check("follow_link vm.nics", lambda: "%d items" % len(connection.follow_link(vm_service.get().nics)))
        check("list vms/%s/snapshots" % first.name, lambda: "%d items" % len(vm_service.snapshots_service().list()))
        check("list vms/%s/numanodes" % first.name, lambda: "%d items" % len(vm_service.numa_nodes_service().list()))
        def ballooning():
            policy = vm_service.get().memory_policy
            if policy is None or policy.ballooning is None:
                raise RuntimeError("memory_policy.ballooning is missing (memory_policy %s)" % (
                    "absent" if policy is None else "without ballooning"))
            return "ballooning %s" % policy.ballooning
        check("GET vms/%s memory_policy.ballooning" % first.name, ballooning)

    if not args.no_actions:
        up = [vm for vm in vms if vm.status == types.VmStatus.UP]
        if up:
            vm = up[-1]
            vm_service = system.vms_service().vm_service(vm.id)
            check("vms/%s stop + wait down" % vm.name, lambda: (vm_service.stop(), wait_status(vm_service, types.VmStatus.DOWN))[1])
            check("vms/%s start + wait up" % vm.name, lambda: (vm_service.start(), wait_status(vm_service, types.VmStatus.UP))[1])
        else:
            check("an up VM to stop and start", lambda: (_ for _ in ()).throw(RuntimeError("no VM is up")))
        data = [sd for sd in state.get("storage_domains") or []
                if sd.type == types.StorageDomainType.DATA and sd.status in (None, types.StorageDomainStatus.ACTIVE)]
        if data:
            sd_service = system.storage_domains_service().storage_domain_service(data[0].id)
            check("storagedomains/%s update_ovf_store" % data[0].name, lambda: sd_service.update_ovf_store())
        else:
            check("an active data domain to update_ovf_store", lambda: (_ for _ in ()).throw(RuntimeError("none")))

    check("connection.close(logout=True)", lambda: connection.close(logout=True))
    failed = [name for name, ok in results if not ok]
    print("%d checks, %d passed, %d failed%s" % (len(results), len(results) - len(failed), len(failed),
                                                   (": " + "; ".join(failed)) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
