using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>VMs in the pipeline: registration with the mapping, the start queue and the wait until up; failures.</summary>
internal sealed partial class TargetPipeline
{
    /// <summary>Booting VMs are read with a search by id (<c>id=A or id=B</c>) of at most this many ids, which keeps the URL short.</summary>
    private const int BootReadsPerSearch = 64;

    /// <summary>Registers one VM once its domains are active and its template is registered, then queues it to start.</summary>
    private async Task RegisterVmAsync(TargetPipelineState state, int domainIndex, string domainId, OvirtVm vm, CancellationToken ct)
    {
        var id = vm.Id!;
        var needs = state.VmDomains.TryGetValue(id, out var domains) ? domains.Append(domainIndex) : Enumerable.Range(0, Plan.Domains.Count);
        await Task.WhenAll(needs.Distinct().Select(d => state.Active[d].Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.Templates.WaitAsync(vm.Template?.Id, ct).ConfigureAwait(false);
        await state.Registrations.WaitAsync(ct).ConfigureAwait(false);
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
            var wave = state.StartOrder.TryGetValue(id, out var order) ? order.Wave : 0;
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
            QueueStart(state, id, knownDown: true);
            await saved.ConfigureAwait(false);
        }
    }

    /// <summary>VMs already registered at the target (a resumed Context): recorded as registered, and queued to start unless up.</summary>
    private async Task QueueVmsAtTargetAsync(TargetPipelineState state)
    {
        foreach (var vm in Context.Vms.Where(v => state.VmsAtStart.ContainsKey(v.VmId)).ToList())
        {
            var status = state.VmsAtStart[vm.VmId];
            var wave = vm.WasRunning && state.StartOrder.TryGetValue(vm.VmId, out var order) ? order.Wave : vm.Wave;
            var up = vm.Up || (vm.WasRunning && status == VmStatus.Up);
            if (!vm.Registered || vm.Wave != wave || up != vm.Up)
            {
                await Context.SaveVmAsync(vm with { Registered = true, RegisteredAt = vm.RegisteredAt ?? Context.Now, Wave = wave, Up = up, UpAt = up ? vm.UpAt ?? Context.Now : vm.UpAt }).ConfigureAwait(false);
            }

            QueueStart(state, vm.VmId, knownDown: false);
        }
    }

    private void QueueStart(TargetPipelineState state, string id, bool knownDown)
    {
        if (Context.FindVm(id) is { WasRunning: true, Up: false, Failed: false } && state.Queued.TryAdd(id, true))
        {
            state.Starts.Enqueue(id, state.StartOrder.TryGetValue(id, out var order) ? order.Rank : int.MaxValue, knownDown);
        }
    }

    /// <summary>Once every domain's VMs are registered: the VMs no domain held are reported, and the start queue is closed.</summary>
    private async Task AfterRegistrationAsync(TargetPipelineState state, CancellationToken ct)
    {
        await Task.WhenAll(state.VmsDone.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);

        // Recorded as registered earlier but not seen at the target now: the start reads it and reports it.
        foreach (var vm in Context.Vms.Where(v => v.Registered && !state.Claimed.ContainsKey(v.VmId)).ToList())
        {
            QueueStart(state, vm.VmId, knownDown: false);
        }

        state.Starts.Complete();
        var missing = Context.Vms.Where(v => !v.Registered && !v.Failed).ToList();
        await Task.WhenAll(missing.Select(vm => FailVmAsync(vm.VmId,
            $"Not recovered: VM {vm.VmName} is not in the OVF store of its domain's replica (created or changed after the last OVF update). Recreate it at {Target} or restore it from backup.", ct))).ConfigureAwait(false);
    }

    /// <summary>Hands each free start slot to the highest-ranked VM that is ready.</summary>
    private async Task DispatchStartsAsync(TargetPipelineState state, CancellationToken ct)
    {
        var starting = new List<Task>();
        try
        {
            while (await state.Starts.NextAsync(ct).ConfigureAwait(false) is { } next)
            {
                await Context.SafePointAsync().ConfigureAwait(false);
                await state.StartStep.BeginAsync().ConfigureAwait(false);
                starting.Add(StartVmAsync(state, next.VmId, next.KnownDown, ct));
            }

            await Task.WhenAll(starting).ConfigureAwait(false);
        }
        finally
        {
            state.Booting.Writer.TryComplete();
        }
    }

    /// <summary>Starts one VM only if it is down: a VM that is up or on its way up is never started again. Holds its slot until up.</summary>
    private async Task StartVmAsync(TargetPipelineState state, string id, bool knownDown, CancellationToken ct)
    {
        var client = state.Client;
        try
        {
            if (!knownDown)
            {
                var status = await Calls.ReadAsync($"VM {id}", c => VmStatusAsync(client, id, c), ct).ConfigureAwait(false);
                switch (status)
                {
                    case null:
                        state.Starts.Release();
                        await FailVmAsync(id, $"The VM is not registered at {Target}.", ct).ConfigureAwait(false);
                        return;
                    case VmStatus.Up:
                        state.Starts.Release();
                        await Context.UpdateVmAsync(id, o => o with { Up = true, UpAt = o.UpAt ?? Context.Now }).ConfigureAwait(false);
                        return;
                    case not VmStatus.Down:
                        await state.Booting.Writer.WriteAsync((id, Context.Now + Options.VmUpTimeout), ct).ConfigureAwait(false);
                        return;
                }
            }

            // The start is recorded while the engine is asked: a resumed run reads each VM's status before it starts
            // it, so a start the store missed is never repeated. The record is written before the VM counts as booting.
            var saved = Context.UpdateVmAsync(id, o => o with { Started = true, StartedAt = Context.Now });
            try
            {
                await Calls.ActAsync($"start VM {Context.FindVm(id)?.VmName ?? id}",
                    async c => (await VmStatusAsync(client, id, c).ConfigureAwait(false)) is not VmStatus.Down,
                    c => client.PostActionAsync($"vms/{id}/start", new { }, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
            }
            finally
            {
                await saved.ConfigureAwait(false);
            }

            await state.Booting.Writer.WriteAsync((id, Context.Now + Options.VmUpTimeout), ct).ConfigureAwait(false);
        }
        catch (EngineException ex)
        {
            state.Starts.Release();
            await FailVmAsync(id, $"Start at {Target} failed: {ex.Message}", ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One read of the booting VMs per poll; a VM up (or past its timeout) frees its slot. Polls begin every
    /// <see cref="RecoveryOptions.PollInterval"/> counted from the previous poll's start, so the reads' own time does not
    /// stretch the interval; a poll that takes longer is followed by the next at once.
    /// </summary>
    private async Task WatchBootsAsync(TargetPipelineState state, CancellationToken ct)
    {
        var waiting = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var reader = state.Booting.Reader;
        var polled = Time.GetTimestamp();

        // VMs seen up are saved while the next poll runs: a slow write round must not delay noticing the next boots.
        var saving = new List<Task>();
        while (true)
        {
            while (reader.TryRead(out var started))
            {
                waiting[started.VmId] = started.Deadline;
            }

            if (waiting.Count == 0)
            {
                if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false))
                {
                    await Task.WhenAll(saving).ConfigureAwait(false);
                    return;
                }

                // After an idle spell the interval counts from now: a VM just started is not read at once.
                polled = Time.GetTimestamp();
                continue;
            }

            var wait = Options.PollInterval - Time.GetElapsedTime(polled);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, ct).ConfigureAwait(false);
            }

            polled = Time.GetTimestamp();
            var booting = await BootingVmsAsync(state, waiting.Keys.ToList(), ct).ConfigureAwait(false);

            var now = Context.Now;
            var up = waiting.Keys.Where(id => booting.GetValueOrDefault(id)?.StatusValue == VmStatus.Up).ToList();
            var late = waiting.Where(w => !up.Contains(w.Key) && now > w.Value).Select(w => w.Key).ToList();
            foreach (var id in up.Concat(late))
            {
                // The slot goes to the next VM before the outcome is saved.
                waiting.Remove(id);
                state.Starts.Release();
            }

            if (saving.Find(t => t.IsFaulted) is { } failed)
            {
                await failed.ConfigureAwait(false);
            }

            saving.RemoveAll(t => t.IsCompletedSuccessfully);
            saving.AddRange(up.Select(id => Context.UpdateVmAsync(id, o => o with { Up = true, UpAt = now })));

            foreach (var id in late)
            {
                await FailVmAsync(id, $"Started but not up within {Options.VmUpTimeout}; its status is {booting.GetValueOrDefault(id)?.Status ?? "unknown"}. Check the VM's events at {Target}.", ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Each booting VM as the engine reports it now: one search by id for up to <see cref="BootReadsPerSearch"/> of them, the searches side
    /// by side. Reading every VM of a large target (thousands) each round would cost more than the boots it watches, and
    /// one read per VM would cost a call per start slot each round.
    /// </summary>
    private async Task<Dictionary<string, OvirtVm>> BootingVmsAsync(TargetPipelineState state, IReadOnlyList<string> booting, CancellationToken ct)
    {
        var found = await Task.WhenAll(booting.Chunk(BootReadsPerSearch).Select(ids =>
            Calls.ReadAsync(ids.Length == 1 ? $"VM {Context.FindVm(ids[0])?.VmName ?? ids[0]} starting at {Target}" : $"{ids.Length} VMs starting at {Target}",
                c => state.Client.SearchAsync<OvirtVm>("vms", string.Join(" or ", ids.Select(id => $"id={id}")), c), ct))).ConfigureAwait(false);
        var now = new Dictionary<string, OvirtVm>(StringComparer.Ordinal);
        foreach (var vm in found.SelectMany(vms => vms).Where(v => v.Id is not null))
        {
            now[vm.Id!] = vm;
        }

        return now;
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
