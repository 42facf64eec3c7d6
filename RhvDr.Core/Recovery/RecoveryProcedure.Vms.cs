using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery;

/// <summary>VM failures, test profiles and the registration body with the mapping.</summary>
public sealed partial class RecoveryProcedure
{
    private async Task FailVmAsync(string id, string reason, CancellationToken ct)
    {
        await run.UpdateVmAsync(id, o => o with { Failed = true, Reason = reason }).ConfigureAwait(false);
        await run.LogAsync("error", $"VM {run.FindVm(id)?.VmName ?? id}: {reason}", ct).ConfigureAwait(false);
        if (options.AbortOnVmFailure)
        {
            throw new InvalidOperationException($"VM {run.FindVm(id)?.VmName ?? id} failed and RhvDr:Recovery:AbortOnVmFailure is set: {reason}");
        }
    }

    private async Task<IReadOnlyList<string>> TestProfileNamesAsync(IEngineClient target, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith((await target.GetVnicProfilesAsync(ct).ConfigureAwait(false)).Select(p => p.Name).OfType<string>());
        names.UnionWith(plan.Mapping?.Networks.Select(n => n.Side(plan.SourceSide).ProfileName).OfType<string>() ?? []);
        if (await ProbeAsync(Source, ct).ConfigureAwait(false) is null)
        {
            var source = await clients.GetClientAsync(Source, ct).ConfigureAwait(false);
            names.UnionWith((await source.GetVnicProfilesAsync(ct).ConfigureAwait(false)).Select(p => p.Name).OfType<string>());
        }

        names.Remove(options.TestNetworkProfile);
        return [.. names];
    }

    /// <summary>
    /// The register body: partial import and MAC reassignment, and the mapping as <c>registration_configuration</c>
    /// (cluster, affinity group and label, role, AAA domain, LUN and vNIC profile mappings). Test runs map every profile to the isolated one.
    /// </summary>
    private Dictionary<string, object?> RegistrationBody(OvirtCluster cluster, bool test, IReadOnlyList<string> testProfiles, string? isolatedProfileId = null)
    {
        var mapping = plan.Mapping;
        var (from, to) = (plan.SourceSide, plan.TargetSide);
        static object Names(string item, IEnumerable<(string? From, string? To)> pairs) =>
            new Dictionary<string, object> { [item] = pairs.Where(p => p.From is not null && p.To is not null).Select(p => new { from = new { name = p.From }, to = new { name = p.To } }).ToList() };

        var configuration = new Dictionary<string, object?>();
        var body = new Dictionary<string, object?> { ["allow_partial_import"] = "true", ["reassign_bad_macs"] = "true" };
        if (mapping is { Clusters.Count: > 0 })
        {
            configuration["cluster_mappings"] = Names("registration_cluster_mapping", mapping.Clusters.Select(c => (c.Name(from), c.Name(to))));
        }
        else
        {
            body["cluster"] = new { name = cluster.Name };
        }

        if (mapping is not null)
        {
            configuration["affinity_group_mappings"] = Names("registration_affinity_group_mapping", mapping.AffinityGroups.Select(c => (c.Name(from), c.Name(to))));
            configuration["affinity_label_mappings"] = Names("registration_affinity_label_mapping", mapping.AffinityLabels.Select(c => (c.Name(from), c.Name(to))));
            configuration["role_mappings"] = Names("registration_role_mapping", mapping.Roles.Select(c => (c.Name(from), c.Name(to))));
            configuration["domain_mappings"] = Names("registration_domain_mapping", mapping.AaaDomains.Select(c => (c.Name(from), c.Name(to))));
            configuration["lun_mappings"] = new Dictionary<string, object>
            {
                ["registration_lun_mapping"] = mapping.Luns
                    .Where(l => l.Side(from).LogicalUnitId is { Length: > 0 } && l.Side(to).LogicalUnitId is { Length: > 0 })
                    .Select(l => new { from = new { id = l.Side(from).LogicalUnitId }, to = new { id = l.Side(to).LogicalUnitId } }).ToList(),
            };
        }

        if (test && isolatedProfileId is not null)
        {
            configuration["vnic_profile_mappings"] = new Dictionary<string, object>
            {
                ["registration_vnic_profile_mapping"] = testProfiles.Select(p => new { from = new { name = p }, to = new { id = isolatedProfileId } }).ToList(),
            };
        }
        else if (mapping is { Networks.Count: > 0 })
        {
            configuration["vnic_profile_mappings"] = new Dictionary<string, object>
            {
                ["registration_vnic_profile_mapping"] = mapping.Networks
                    .Where(n => n.Side(from).ProfileName is not null)
                    .Select(n => new
                    {
                        from = new { name = n.Side(from).ProfileName, network = new { name = n.Side(from).NetworkName } },
                        to = string.IsNullOrEmpty(n.Side(to).ProfileId)
                            ? (object)new { name = n.Side(to).ProfileName, network = new { name = n.Side(to).NetworkName } }
                            : new { id = n.Side(to).ProfileId },
                    }).ToList(),
            };
        }

        if (configuration.Count > 0)
        {
            body["registration_configuration"] = configuration;
        }

        return body;
    }
}
