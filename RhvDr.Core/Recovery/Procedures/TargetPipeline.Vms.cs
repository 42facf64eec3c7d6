using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>VMs in the pipeline: registration with the mapping, then handing each registered VM to the start queue.</summary>
internal sealed partial class TargetPipeline
{
    /// <summary>Registers one VM once its domains are active and its template is registered, then queues it to start.</summary>
    private async Task RegisterVmAsync(TargetPipelineState state, int domainIndex, string domainId, OvirtVm vm, CancellationToken ct)
    {
        var id = vm.Id!;
        var needs = state.VmDomains.TryGetValue(id, out var domains) ? domains.Append(domainIndex) : Enumerable.Range(0, Plan.Domains.Count);
        await Task.WhenAll(needs.Distinct().Select(d => state.Active[d].Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.Templates.WaitAsync(vm.Template?.Id, ct).ConfigureAwait(false);
        // The VMs that start first (a plan's priority group 1, HA VMs by priority) are registered first; those not started, last.
        await state.Registrations.WaitAsync(state.Starts.RankOf(id), ct).ConfigureAwait(false);
        Task? saved = null;
        try
        {
            await Context.SafePointAsync().ConfigureAwait(false);
            if (Context.FindVm(id) is null)
            {
                // A VM the run did not record (not on the source's inventory): saved before it is acted on.
                await Context.SaveVmAsync(new VmOutcome
                {
                    RunId = Run.Id,
                    VmId = id,
                    VmName = vm.Name ?? id,
                    HighlyAvailable = vm.HighAvailability?.Enabled ?? false,
                    HaPriority = vm.HighAvailability?.Priority ?? 0,
                }).ConfigureAwait(false);
            }

            // Every VM here was just listed as unregistered, so the first attempt skips its check.
            await Calls.ActAsync($"register VM {Context.FindVm(id)?.VmName ?? id}",
                async c => await VmStatusAsync(state.Client, id, c).ConfigureAwait(false) is not null,
                c => state.Client.PostActionAsync($"storagedomains/{domainId}/vms/{id}/register", state.RegistrationBody, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
            var wave = state.Starts.WaveOf(id);
            saved = Context.UpdateVmAsync(id, o => o with { Registered = true, RegisteredAt = Context.Now, Failed = false, Reason = null, Wave = wave > 0 ? wave : o.Wave });
        }
        catch (EngineException ex)
        {
            await FailVmAsync(id, $"Registration at {Target} failed: {ex.Message}", ct).ConfigureAwait(false);
        }
        finally
        {
            state.Registrations.Release();
        }

        if (saved is not null)
        {
            // Queued before the save completes: the start saves the VM as started (the same write round or a later one)
            // and waits for that before it acts, so the registration is in the store before anything relies on it.
            state.Starts.Queue(id, knownDown: true);
            await saved.ConfigureAwait(false);
        }
    }

    /// <summary>VMs already registered at the target (a resumed Context): recorded as registered, and queued to start unless up.</summary>
    private async Task QueueVmsAtTargetAsync(TargetPipelineState state)
    {
        foreach (var vm in Context.Vms.Where(v => state.VmsAtStart.ContainsKey(v.VmId)).ToList())
        {
            var status = state.VmsAtStart[vm.VmId];
            var wave = vm.WasRunning && state.Starts.WaveOf(vm.VmId) is > 0 and var w ? w : vm.Wave;
            var up = vm.Up || (vm.WasRunning && status == VmStatus.Up);
            if (!vm.Registered || vm.Wave != wave || up != vm.Up)
            {
                await Context.SaveVmAsync(vm with { Registered = true, RegisteredAt = vm.RegisteredAt ?? Context.Now, Wave = wave, Up = up, UpAt = up ? vm.UpAt ?? Context.Now : vm.UpAt }).ConfigureAwait(false);
            }

            state.Starts.Queue(vm.VmId, knownDown: false);
        }
    }

    /// <summary>Once every domain's VMs are registered: the VMs no domain held are reported, and the start queue is closed.</summary>
    private async Task AfterRegistrationAsync(TargetPipelineState state, CancellationToken ct)
    {
        await Task.WhenAll(state.VmsDone.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);

        // Recorded as registered earlier but not seen at the target now: the start reads it and reports it.
        foreach (var vm in Context.Vms.Where(v => v.Registered && !state.Claimed.ContainsKey(v.VmId)).ToList())
        {
            state.Starts.Queue(vm.VmId, knownDown: false);
        }

        state.Starts.Complete();
        var missing = Context.Vms.Where(v => !v.Registered && !v.Failed).ToList();
        await Task.WhenAll(missing.Select(vm => FailVmAsync(vm.VmId,
            $"Not recovered: VM {vm.VmName} is not in the OVF store of its domain's replica (created or changed after the last OVF update). Recreate it at {Target} or restore it from backup.", ct))).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> TestProfileNamesAsync(IEngineClient target, CancellationToken ct)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith((await target.GetVnicProfilesAsync(ct).ConfigureAwait(false)).Select(p => p.Name).OfType<string>());
        names.UnionWith(Plan.Mapping?.Networks.Select(n => n.Side(Plan.SourceSide).ProfileName).OfType<string>() ?? []);
        if (await ProbeAsync(Source, ct).ConfigureAwait(false) is null)
        {
            var source = await Clients.GetClientAsync(Source, ct).ConfigureAwait(false);
            names.UnionWith((await source.GetVnicProfilesAsync(ct).ConfigureAwait(false)).Select(p => p.Name).OfType<string>());
        }

        names.Remove(Options.TestNetworkProfile);
        return [.. names];
    }

    /// <summary>
    /// The register body: partial import and MAC reassignment, and the mapping as <c>registration_configuration</c>
    /// (cluster, affinity group and label, role, AAA domain, LUN and vNIC profile mappings). Test runs map every profile to the isolated one.
    /// </summary>
    private Dictionary<string, object?> RegistrationBody(OvirtCluster cluster, bool test, IReadOnlyList<string> testProfiles, string? isolatedProfileId = null)
    {
        var mapping = Plan.Mapping;
        var (from, to) = (Plan.SourceSide, Plan.TargetSide);
        static object Names(string item, IEnumerable<(string? From, string? To)> pairs) =>
            new Dictionary<string, object>(StringComparer.Ordinal) { [item] = pairs.Where(p => p.From is not null && p.To is not null).Select(p => new { from = new { name = p.From }, to = new { name = p.To } }).ToList() };

        var configuration = new Dictionary<string, object?>(StringComparer.Ordinal);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { ["allow_partial_import"] = "true", ["reassign_bad_macs"] = "true" };
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
            configuration["lun_mappings"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["registration_lun_mapping"] = mapping.Luns
                    .Where(l => l.Side(from).LogicalUnitId is { Length: > 0 } && l.Side(to).LogicalUnitId is { Length: > 0 })
                    .Select(l => new { from = new { id = l.Side(from).LogicalUnitId }, to = new { id = l.Side(to).LogicalUnitId } }).ToList(),
            };
        }

        if (test && isolatedProfileId is not null)
        {
            configuration["vnic_profile_mappings"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["registration_vnic_profile_mapping"] = testProfiles.Select(p => new { from = new { name = p }, to = new { id = isolatedProfileId } }).ToList(),
            };
        }
        else if (mapping is { Networks.Count: > 0 })
        {
            configuration["vnic_profile_mappings"] = new Dictionary<string, object>(StringComparer.Ordinal)
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
