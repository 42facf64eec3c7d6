#!/usr/bin/python3
"""Writes the disaster_recovery role's vars file and password file for the lab, from what the two engines and the
storage array report (run it while the primary site is still up):

    write-vars.py --env /tmp/ovirt-drill/lab.env --out /tmp/ovirt-drill/dr-vars.yml --passwords /tmp/ovirt-drill/dr-passwords.yml

Every replicated data domain becomes a dr_import_storages entry with the replica's address from the array; clusters,
affinity groups, affinity labels and vNIC profiles map by name to the recovery engine's (first one where the names
differ), and every direct LUN disk to its LUN at recovery. The recovery site keeps its own master domain, so no
imported domain is marked master there, and the primary master keeps its own name (the recovery site's master is
already called secondary_master_storage).
"""
import argparse
import json
import ssl
import sys
import urllib.request

try:
    import ovirtsdk4 as sdk
except ImportError as error:
    raise SystemExit("ovirtsdk4 is not importable (%s): build it as README.md says and run with "
                     "PYTHONPATH=/opt/ovirt-drill/sdk/lib /usr/bin/python3" % error)


def read_env(path):
    with open(path) as env:
        return dict(line.strip().split("=", 1) for line in env if "=" in line and not line.startswith("#"))


def connect(url, env):
    return sdk.Connection(url=url, username=env["LAB_USER"], password=env["LAB_PASSWORD"], ca_file=env["LAB_CA"])


def q(value):
    return json.dumps(value)


def lun_mappings(p_sys, r_sys):
    """Direct LUN disks at primary and the LUN each is at recovery, as the storage admin would give them: the same WWID
    where the recovery hosts see it, else the one recovery LUN no primary disk uses (a replica under a new WWID)."""
    primary_luns = {}
    for disk in p_sys.disks_service().list():
        if disk.lun_storage is not None:
            for unit in disk.lun_storage.logical_units or []:
                primary_luns[unit.id] = unit
    recovery_luns = {}
    hosts = [h for h in r_sys.hosts_service().list() if str(h.status) == "up"]
    if hosts:
        for storage in r_sys.hosts_service().host_service(hosts[0].id).storage_service().list():
            for unit in storage.logical_units or []:
                recovery_luns[unit.id] = unit
    unmatched_primary = [i for i in primary_luns if i not in recovery_luns]
    unmatched_recovery = [i for i in recovery_luns if i not in primary_luns]
    out = ["", "dr_lun_mappings:" if primary_luns else "dr_lun_mappings: []"]
    for lun_id, unit in sorted(primary_luns.items()):
        replica = recovery_luns.get(lun_id)
        if replica is None and len(unmatched_primary) == 1 and len(unmatched_recovery) == 1:
            replica = recovery_luns[unmatched_recovery[0]]
        if replica is None:
            raise SystemExit("direct LUN %s is not visible at recovery and cannot be paired: map it by hand" % lun_id)
        out += ["- primary_logical_unit_id: %s" % q(lun_id),
                "  primary_storage_type: \"iscsi\"",
                "  primary_logical_unit_address: %s" % q(unit.address),
                "  primary_logical_unit_port: %d" % (unit.port or 3260),
                "  primary_logical_unit_portal: \"1\"",
                "  primary_logical_unit_target: %s" % q(unit.target),
                "  secondary_logical_unit_id: %s" % q(replica.id),
                "  secondary_storage_type: \"iscsi\"",
                "  secondary_logical_unit_address: %s" % q(replica.address),
                "  secondary_logical_unit_port: %d" % (replica.port or 3260),
                "  secondary_logical_unit_portal: \"1\"",
                "  secondary_logical_unit_target: %s" % q(replica.target)]
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--passwords", required=True)
    args = parser.parse_args()
    env = read_env(args.env)
    if "LAB_TOKEN" not in env:
        sys.exit("%s has no LAB_TOKEN (an older run-lab.sh wrote it); restart the lab with run-lab.sh" % args.env)

    context = ssl.create_default_context(cafile=env["LAB_CA"])
    request = urllib.request.Request(env["LAB_CONTROL_URL"] + "/lab/array/pairs",
                                     headers={"Authorization": "Bearer " + env["LAB_TOKEN"]})
    with urllib.request.urlopen(request, context=context) as answer:
        pairs = {p["domainName"]: p for p in json.load(answer) if p["sourceSite"] == "primary"}

    primary, recovery = connect(env["PRIMARY_URL"], env), connect(env["RECOVERY_URL"], env)
    try:
        p_sys, r_sys = primary.system_service(), recovery.system_service()
        p_dc = p_sys.data_centers_service().list()[0]
        r_dc = r_sys.data_centers_service().list()[0]
        p_dc_service = p_sys.data_centers_service().data_center_service(p_dc.id)
        attached = p_dc_service.storage_domains_service().list()
        p_clusters = p_sys.clusters_service().list()
        r_clusters = r_sys.clusters_service().list()

        def groups(system, clusters):
            names = []
            for cluster in clusters:
                names += [g.name for g in system.clusters_service().cluster_service(cluster.id).affinity_groups_service().list()]
            return names

        p_groups, r_groups = groups(p_sys, p_clusters), groups(r_sys, r_clusters)
        p_labels = [label.name for label in p_sys.affinity_labels_service().list()]
        r_labels = [label.name for label in r_sys.affinity_labels_service().list()]
        r_profiles = {vp.name: vp for vp in r_sys.vnic_profiles_service().list()}
        p_networks = {n.id: n.name for n in p_sys.networks_service().list()}
        r_networks = {n.id: n.name for n in r_sys.networks_service().list()}
        p_profiles = p_sys.vnic_profiles_service().list()

        lines = ["---",
                 "dr_sites_primary_url: %s" % q(env["PRIMARY_URL"]),
                 "dr_sites_primary_username: %s" % q(env["LAB_USER"]),
                 "dr_sites_primary_ca_file: %s" % q(env["LAB_CA"]),
                 "dr_sites_secondary_url: %s" % q(env["RECOVERY_URL"]),
                 "dr_sites_secondary_username: %s" % q(env["LAB_USER"]),
                 "dr_sites_secondary_ca_file: %s" % q(env["LAB_CA"]),
                 "", "dr_import_storages:"]
        for sd in attached:
            pair = pairs.get(sd.name)
            if pair is None:
                continue
            kind = pair["storageType"]
            src, dst = pair["endpoints"]["primary"], pair["endpoints"]["recovery"]
            lines += ["- dr_domain_type: %s" % q(kind),
                      "  dr_wipe_after_delete: false",
                      "  dr_backup: false",
                      "  dr_critical_space_action_blocker: 5",
                      "  dr_warning_low_space: 10",
                      "  dr_storage_domain_type: \"data\"",
                      "  dr_domain_id: %s" % q(sd.id),
                      "  dr_primary_name: %s" % q(sd.name),
                      "  dr_primary_master_domain: %s" % ("true" if sd.master else "false"),
                      "  dr_primary_dc_name: %s" % q(p_dc.name),
                      "  dr_primary_address: %s" % q(src["address"]),
                      "  dr_secondary_name: %s" % q(sd.name),
                      "  dr_secondary_master_domain: false",
                      "  dr_secondary_dc_name: %s" % q(r_dc.name),
                      "  dr_secondary_address: %s" % q(dst["address"])]
            if kind == "nfs":
                lines += ["  dr_primary_path: %s" % q(src["path"]), "  dr_secondary_path: %s" % q(dst["path"])]
            else:
                lines += ["  dr_discard_after_delete: false",
                          "  dr_primary_port: %d" % src["port"], "  dr_primary_target: [%s]" % q(src["target"]),
                          "  dr_secondary_port: %d" % dst["port"], "  dr_secondary_target: [%s]" % q(dst["target"])]

        def mapping(key, primary_names, recovery_names):
            out = ["", "%s:" % key]
            for name in primary_names:
                target = name if name in recovery_names else (recovery_names[0] if recovery_names else name)
                out += ["- primary_name: %s" % q(name), "  secondary_name: %s" % q(target)]
            return out if primary_names else ["", "%s: []" % key]

        lines += mapping("dr_cluster_mappings", [c.name for c in p_clusters], [c.name for c in r_clusters])
        lines += mapping("dr_affinity_group_mappings", p_groups, r_groups)
        lines += mapping("dr_affinity_label_mappings", p_labels, r_labels)
        lines += ["", "dr_network_mappings:"]
        for profile in p_profiles:
            target = r_profiles.get(profile.name) or next(iter(r_profiles.values()))
            lines += ["- primary_network_name: %s" % q(p_networks.get(profile.network.id, "")),
                      "  primary_profile_name: %s" % q(profile.name),
                      "  primary_profile_id: %s" % q(profile.id),
                      "  secondary_network_name: %s" % q(r_networks.get(target.network.id, "")),
                      "  secondary_network_dc: %s" % q(r_dc.name),
                      "  secondary_profile_name: %s" % q(target.name),
                      "  secondary_profile_id: %s" % q(target.id)]
        # The role reads these even when nothing maps: aaa domains and roles keep their names.
        lines += ["", "dr_domain_mappings: []", "dr_role_mappings: []"]
        lines += lun_mappings(p_sys, r_sys)
        with open(args.out, "w") as out:
            out.write("\n".join(lines) + "\n")
        with open(args.passwords, "w") as out:
            out.write("---\ndr_sites_primary_password: %s\ndr_sites_secondary_password: %s\n"
                      % (q(env["LAB_PASSWORD"]), q(env["LAB_PASSWORD"])))
        print("wrote %s (%d domains) and %s" % (args.out, sum(1 for l in lines if l.startswith("- dr_domain_type")), args.passwords))
    finally:
        primary.close()
        recovery.close()


if __name__ == "__main__":
    main()
