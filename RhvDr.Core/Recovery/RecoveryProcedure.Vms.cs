using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery;

/// <summary>VM registration with the mapping and the start waves.</summary>
public sealed partial class RecoveryProcedure
{
    private async Task<string?> RegisterVmsAsync(bool test, CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var cluster = await TargetClusterAsync(client, ct).ConfigureAwait(false);
        var profiles = test ? await TestProfileNamesAsync(client, ct).ConfigureAwait(false) : [];
        var isolatedId = test ? (await client.GetVnicProfilesAsync(ct).ConfigureAwait(false)).FirstOrDefault(p => p.Name == options.TestNetworkProfile)?.Id : null;
        var body = RegistrationBody(cluster, test, profiles, isolatedId);

        var atTarget = (await _calls.ReadAsync($"VMs at {Target}", c => client.GetVmsAsync(false, c), ct).ConfigureAwait(false))
            .Where(v => v.Id is not null).Select(v => v.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var vm in run.Vms.Where(v => !v.Registered && atTarget.Contains(v.VmId)))
        {
            await run.SaveVmAsync(vm with { Registered = true, RegisteredAt = vm.RegisteredAt ?? run.Now }).ConfigureAwait(false);
        }

        var unregistered = new Dictionary<string, (string DomainId, OvirtVm Vm)>(StringComparer.Ordinal);
        foreach (var domain in plan.Domains)
        {
            var id = (await FindDomainAsync(client, domain, Target, ct).ConfigureAwait(false))?.Id;
            if (id is null)
            {
                continue;
            }

            var vms = await _calls.ReadAsync($"unregistered VMs of {domain.TargetName}",
                c => client.GetListAsync<OvirtVm>($"storagedomains/{id}/vms?unregistered=true", c), ct).ConfigureAwait(false);
            foreach (var vm in vms.Where(v => v.Id is not null && !atTarget.Contains(v.Id)))
            {
                unregistered.TryAdd(vm.Id!, (id, vm));
            }
        }

        // Every VM below was just read as unregistered, so the first attempt of each registration skips its check.
        await ForEachAsync(unregistered.Values, async (item, c) =>
        {
            var (domainId, vm) = item;
            var outcome = run.FindVm(vm.Id!) ?? new VmOutcome
            {
                RunId = Run.Id,
                VmId = vm.Id!,
                VmName = vm.Name ?? vm.Id!,
                HighlyAvailable = vm.HighAvailability?.Enabled ?? false,
                HaPriority = vm.HighAvailability?.Priority ?? 0,
            };
            await run.SaveVmAsync(outcome).ConfigureAwait(false);
            try
            {
                await _calls.ActAsync($"register VM {outcome.VmName}",
                    async c2 => await VmStatusAsync(client, vm.Id!, c2).ConfigureAwait(false) is not null,
                    c2 => client.PostActionAsync($"storagedomains/{domainId}/vms/{vm.Id}/register", body, Run.Id, c2), c, checkedNotDone: true).ConfigureAwait(false);
                await run.UpdateVmAsync(vm.Id!, o => o with { Registered = true, RegisteredAt = run.Now, Failed = false, Reason = null }).ConfigureAwait(false);
            }
            catch (EngineException ex)
            {
                await FailVmAsync(vm.Id!, $"Registration at {Target} failed: {ex.Message}", c).ConfigureAwait(false);
            }
        }, ct).ConfigureAwait(false);

        foreach (var missing in run.Vms.Where(v => !v.Registered && !v.Failed).ToList())
        {
            await FailVmAsync(missing.VmId,
                $"Not recovered: VM {missing.VmName} is not in the OVF store of its domain's replica (created or changed after the last OVF update). Recreate it at {Target} or restore it from backup.", ct).ConfigureAwait(false);
        }

        var vmsNow = run.Vms;
        return $"{vmsNow.Count(v => v.Registered)} VMs registered, {vmsNow.Count(v => v.Failed)} failed or not recovered";
    }

    private async Task<string?> StartVmsAsync(CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var waves = StartWaves.Plan(run.Vms.Where(v => v.WasRunning && v.Registered && !v.Failed),
            v => v.HighlyAvailable, v => v.HaPriority, v => v.VmName, options.MaxParallelStarts);
        for (var w = 0; w < waves.Count; w++)
        {
            foreach (var vm in waves[w].Where(v => v.Wave != w + 1))
            {
                await run.UpdateVmAsync(vm.VmId, o => o with { Wave = w + 1 }).ConfigureAwait(false);
            }
        }

        for (var w = 0; w < waves.Count; w++)
        {
            await run.SafePointAsync().ConfigureAwait(false);
            var wave = waves[w].Where(v => !(run.FindVm(v.VmId)?.Up ?? false)).Select(v => v.VmId).ToList();
            await ForEachAsync(wave, (id, c) => StartVmAsync(client, id, c), ct).ConfigureAwait(false);
            var waiting = wave.Where(id => run.FindVm(id) is { Failed: false, Up: false }).ToList();
            try
            {
                await _calls.WaitAsync($"wave {w + 1} to come up", async c =>
                {
                    var vms = await client.GetVmsAsync(false, c).ConfigureAwait(false);
                    foreach (var vm in vms.Where(v => v.Status == "up" && waiting.Contains(v.Id!)))
                    {
                        await run.UpdateVmAsync(vm.Id!, o => o with { Up = true, UpAt = run.Now }).ConfigureAwait(false);
                    }

                    waiting = [.. waiting.Where(id => run.FindVm(id) is { Up: false, Failed: false })];
                    return waiting.Count == 0;
                }, options.VmUpTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var statuses = (await client.GetVmsAsync(false, ct).ConfigureAwait(false)).ToDictionary(v => v.Id ?? "", v => v.Status);
                foreach (var id in waiting)
                {
                    await FailVmAsync(id, $"Started but not up within {options.VmUpTimeout}; its status is {statuses.GetValueOrDefault(id) ?? "unknown"}. Check the VM's events at {Target}.", ct).ConfigureAwait(false);
                }
            }
        }

        var wanted = run.Vms.Where(v => v.WasRunning).ToList();
        return $"{wanted.Count(v => v.Up)} of {wanted.Count} VMs up in {waves.Count} waves; {wanted.Count(v => v.Failed)} failed";
    }

    /// <summary>Starts one VM only if it is down: a VM that is up or on its way up is never started again.</summary>
    private async Task StartVmAsync(IEngineClient client, string id, CancellationToken ct)
    {
        var status = await _calls.ReadAsync($"VM {id}", c => VmStatusAsync(client, id, c), ct).ConfigureAwait(false);
        switch (status)
        {
            case null:
                await FailVmAsync(id, $"The VM is not registered at {Target}.", ct).ConfigureAwait(false);
                return;
            case "up":
                await run.UpdateVmAsync(id, o => o with { Up = true, UpAt = o.UpAt ?? run.Now }).ConfigureAwait(false);
                return;
            case not "down":
                return;
        }

        await run.UpdateVmAsync(id, o => o with { Started = true, StartedAt = run.Now }).ConfigureAwait(false);
        try
        {
            await _calls.ActAsync($"start VM {run.FindVm(id)?.VmName ?? id}",
                async c => (await VmStatusAsync(client, id, c).ConfigureAwait(false)) is not "down",
                c => client.PostActionAsync($"vms/{id}/start", new { }, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
        }
        catch (EngineException ex)
        {
            await FailVmAsync(id, $"Start at {Target} failed: {ex.Message}", ct).ConfigureAwait(false);
        }
    }

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
