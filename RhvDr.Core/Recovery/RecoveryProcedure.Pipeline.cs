using System.Net;
using System.Runtime.ExceptionServices;
using RhvDr.Core.Ovirt;
using static RhvDr.Core.Recovery.RecoveryStepNames;

namespace RhvDr.Core.Recovery;

/// <summary>
/// The target side as a pipeline per storage domain (DESIGN §6 steps 5–7). Attaching queues behind the data center's SPM one
/// domain at a time, so the run does not wait for every domain: as soon as one is active, its templates and VMs register and
/// its VMs start while the next domains still wait for the SPM. The five steps (import, attach, templates, VMs, starts)
/// therefore run side by side, each shown running from its first piece of work to its last.
/// </summary>
public sealed partial class RecoveryProcedure
{
    private static readonly string[] TargetSteps = [ImportDomains, ActivateDomains, RegisterTemplates, RegisterVms, StartVms];

    private async Task RecoverAtTargetAsync(bool test)
    {
        if (TargetSteps.All(run.StepSucceeded))
        {
            return;
        }

        await run.SafePointAsync().ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        var ct = stop.Token;
        using var state = await BeginPipelineAsync(test, ct).ConfigureAwait(false);
        var steps = new[] { state.ImportStep, state.AttachStep, state.TemplateStep, state.RegisterStep, state.StartStep };

        var tasks = plan.Domains.Select((domain, i) => DomainPipelineAsync(state, domain, i, ct)).ToList();
        await QueueVmsAtTargetAsync(state).ConfigureAwait(false);
        var registered = AfterRegistrationAsync(state, ct);
        var started = DispatchStartsAsync(state, ct);
        var booted = WatchBootsAsync(state, ct);
        tasks.AddRange([registered, started, booted, FinishStepsAsync(state, registered, booted, ct)]);

        try
        {
            await AllOrStopAsync(tasks, stop).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            foreach (var step in steps)
            {
                await step.FailAsync(error).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Waits for every task; the first failure cancels the rest, and is what the caller sees (not the cancellations it caused).</summary>
    private static async Task AllOrStopAsync(List<Task> tasks, CancellationTokenSource stop)
    {
        var pending = new List<Task>(tasks);
        Exception? first = null;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (done.Exception?.InnerException is { } error && (first is null or OperationCanceledException) && error is not OperationCanceledException)
            {
                first = error;
            }
            else if (done.IsCanceled || done.IsFaulted)
            {
                first ??= done.Exception?.InnerException ?? new OperationCanceledException(stop.Token);
            }

            if (first is not null && !stop.IsCancellationRequested)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }

    /// <summary>Reads what the target holds once, side by side, instead of once per domain and per VM.</summary>
    private async Task<TargetPipelineState> BeginPipelineAsync(bool test, CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var importStep = new ConcurrentStep(run, ImportDomains);
        var templateStep = new ConcurrentStep(run, RegisterTemplates);
        var hostsRead = importStep.Done ? Task.FromResult<IReadOnlyList<OvirtHost>>([]) : _calls.ReadAsync($"hosts at {Target}", client.GetHostsAsync, ct);
        var domainsRead = _calls.ReadAsync($"storage domains at {Target}", client.GetStorageDomainsAsync, ct);
        var dataCentersRead = _calls.ReadAsync($"data centers at {Target}", client.GetDataCentersAsync, ct);
        var clustersRead = _calls.ReadAsync($"clusters at {Target}", client.GetClustersAsync, ct);
        var vmsRead = _calls.ReadAsync($"VMs at {Target}", c => client.GetVmsAsync(false, c), ct);
        var templatesRead = templateStep.Done ? Task.FromResult<IReadOnlyList<OvirtTemplate>>([]) : _calls.ReadAsync($"templates at {Target}", client.GetTemplatesAsync, ct);
        var profilesRead = test ? TestProfileNamesAsync(client, ct) : Task.FromResult<IReadOnlyList<string>>([]);
        var vnicProfilesRead = test ? client.GetVnicProfilesAsync(ct) : Task.FromResult<IReadOnlyList<OvirtVnicProfile>>([]);
        await Task.WhenAll(hostsRead, domainsRead, dataCentersRead, clustersRead, vmsRead, templatesRead, profilesRead, vnicProfilesRead).ConfigureAwait(false);

        OvirtHost? host = null;
        if (!importStep.Done)
        {
            host = hostsRead.Result.FirstOrDefault(h => h.Status == "up")
                ?? throw new InvalidOperationException($"No host is up at {Target}: importing a storage domain needs one. Activate a host there, then resume the run.");
        }

        var dc = TargetDataCenter(dataCentersRead.Result);
        var cluster = TargetCluster(dc, clustersRead.Result);
        var isolatedId = test ? vnicProfilesRead.Result.FirstOrDefault(p => p.Name == options.TestNetworkProfile)?.Id : null;
        var vmsAtStart = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var vm in vmsRead.Result.Where(v => v.Id is not null))
        {
            vmsAtStart[vm.Id!] = vm.Status;
        }

        var parallelism = Math.Max(1, options.MaxParallelStarts);
        return new TargetPipelineState(plan.Domains.Count, parallelism)
        {
            Client = client,
            DataCenter = dc,
            RegistrationBody = RegistrationBody(cluster, test, profilesRead.Result, isolatedId),
            ImportHost = host,
            StorageDomainsAtStart = domainsRead.Result,
            VmsAtStart = vmsAtStart,
            VmDomains = VmDomainsFromInventory(),
            StartOrder = StartWaves.Rank(run.Vms.Where(v => v.WasRunning), v => v.VmId, v => v.HighlyAvailable, v => v.HaPriority, v => v.VmName, parallelism),
            Templates = new TemplateGate(plan.Domains.Count, templatesRead.Result.Select(t => t.Id).OfType<string>(), open: templateStep.Done),
            ImportStep = importStep,
            AttachStep = new ConcurrentStep(run, ActivateDomains),
            TemplateStep = templateStep,
            RegisterStep = new ConcurrentStep(run, RegisterVms),
            StartStep = new ConcurrentStep(run, StartVms),
        };
    }

    /// <summary>
    /// Which of the plan's domains hold each VM's disks, from the source's last inventory: a VM registers only once all of
    /// them are active, so partial import never drops a disk that is merely on a domain still waiting for the SPM.
    /// </summary>
    private Dictionary<string, int[]> VmDomainsFromInventory()
    {
        var index = plan.Domains.Select((d, i) => (d.SourceName, i)).ToDictionary(p => p.SourceName, p => p.i, StringComparer.Ordinal);
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var vm in inventory.Current.Find(Source)?.Inventory.Vms ?? [])
        {
            var domains = vm.StorageDomainNames.Where(index.ContainsKey).Select(n => index[n]).Distinct().ToArray();
            if (domains.Length > 0)
            {
                result[vm.Id] = domains;
            }
        }

        return result;
    }

    /// <summary>One domain through import, attach, its templates and its VMs' registration; starts follow from the queue.</summary>
    private async Task DomainPipelineAsync(TargetPipelineState state, RecoveryDomain domain, int i, CancellationToken ct)
    {
        string id;
        if (state.ImportStep.Done)
        {
            id = FindDomain(state.StorageDomainsAtStart, domain, Target)?.Id
                ?? throw new InvalidOperationException($"Storage domain {domain.TargetName} is not in the {Target} engine; run the import step again (resume).");
        }
        else
        {
            // The master goes first, alone: the engine needs it before the others. The rest import side by side (adding a
            // domain goes through a host, not the SPM).
            if (i > 0)
            {
                await state.Imported[0].Task.WaitAsync(ct).ConfigureAwait(false);
            }

            await state.Imports.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await run.SafePointAsync().ConfigureAwait(false);
                await state.ImportStep.BeginAsync().ConfigureAwait(false);
                id = await ImportDomainAsync(state, domain, ct).ConfigureAwait(false);
            }
            finally
            {
                state.Imports.Release();
            }
        }

        state.Imported[i].TrySetResult(id);

        if (!state.AttachStep.Done)
        {
            if (i > 0)
            {
                await state.Active[0].Task.WaitAsync(ct).ConfigureAwait(false);
            }

            await state.Attaches.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await run.SafePointAsync().ConfigureAwait(false);
                await state.AttachStep.BeginAsync().ConfigureAwait(false);
                await AttachDomainAsync(state, domain, id, ct).ConfigureAwait(false);
            }
            finally
            {
                state.Attaches.Release();
            }
        }

        state.Active[i].TrySetResult(true);

        // Templates and VMs are listed at once; a VM then waits only for the template it is based on (TemplateGate).
        await Task.WhenAll(TemplatesOfDomainAsync(state, domain, i, id, ct), VmsOfDomainAsync(state, domain, i, id, ct)).ConfigureAwait(false);
    }

    private async Task TemplatesOfDomainAsync(TargetPipelineState state, RecoveryDomain domain, int i, string id, CancellationToken ct)
    {
        if (!state.TemplateStep.Done)
        {
            await state.TemplateStep.BeginAsync().ConfigureAwait(false);
            await RegisterTemplatesAsync(state, domain, i, id, ct).ConfigureAwait(false);
        }

        state.TemplatesListed[i].TrySetResult(true);
        state.TemplatesDone[i].TrySetResult(true);
    }

    private async Task VmsOfDomainAsync(TargetPipelineState state, RecoveryDomain domain, int i, string id, CancellationToken ct)
    {
        if (!state.RegisterStep.Done)
        {
            await state.RegisterStep.BeginAsync().ConfigureAwait(false);
            var listed = await _calls.ReadAsync($"unregistered VMs of {domain.TargetName}",
                c => state.Client.GetListAsync<OvirtVm>($"storagedomains/{id}/vms?unregistered=true", c), ct).ConfigureAwait(false);
            var mine = listed.Where(v => v.Id is not null && !state.VmsAtStart.ContainsKey(v.Id) && state.Claimed.TryAdd(v.Id, true)).ToList();

            // The gate knows this domain's templates only once they are listed.
            await state.TemplatesListed[i].Task.WaitAsync(ct).ConfigureAwait(false);
            await Task.WhenAll(mine.Select(vm => RegisterVmAsync(state, i, id, vm, ct))).ConfigureAwait(false);
        }

        state.VmsDone[i].TrySetResult(true);
    }

    private async Task<string> ImportDomainAsync(TargetPipelineState state, RecoveryDomain domain, CancellationToken ct)
    {
        var client = state.Client;
        var host = state.ImportHost!;
        if (FindDomain(state.StorageDomainsAtStart, domain, Target) is { Id: not null } existing)
        {
            if (existing.Status is "locked")
            {
                await WaitImportedAsync(client, domain, ct).ConfigureAwait(false);
            }

            return existing.Id;
        }

        var endpoint = domain.Target
            ?? throw new InvalidOperationException($"Storage domain {domain.SourceName}: where its replica is presented at {Target} is not known; fill dr_import_storages in the DR mapping.");
        Dictionary<string, object?> body;
        if (domain.IsBlock)
        {
            if (domain.Id is null)
            {
                throw new InvalidOperationException($"Block storage domain {domain.SourceName} has no dr_domain_id in the DR mapping; the engine imports block domains by id.");
            }

            // Logging in twice is harmless: the engine keeps one session per portal.
            await _calls.ActAsync($"iSCSI login of {host.Name} to {endpoint.Target} at {endpoint.Address}", _ => Task.FromResult(false),
                c => client.PostActionAsync($"hosts/{host.Id}/iscsilogin", new { iscsi = new { address = endpoint.Address, port = endpoint.Port, target = endpoint.Target } }, Run.Id, c), ct).ConfigureAwait(false);
            body = new Dictionary<string, object?>
            {
                ["import"] = "true",
                ["id"] = domain.Id,
                ["name"] = domain.TargetName,
                ["type"] = "data",
                ["host"] = new { name = host.Name },
                ["storage"] = new { type = domain.StorageType },
            };
        }
        else
        {
            body = new Dictionary<string, object?>
            {
                ["name"] = domain.TargetName,
                ["type"] = "data",
                ["host"] = new { name = host.Name },
                ["storage"] = new { type = domain.StorageType, address = endpoint.Address, path = endpoint.Path },
            };
        }

        // Not in the engine when the pipeline began, so the first attempt skips its check; a retry checks.
        OvirtStorageDomain? added = null;
        var acted = await _calls.ActAsync($"import {domain.TargetName} at {Target}",
            async c => await FindDomainAsync(client, domain, Target, c).ConfigureAwait(false) is not null,
            async c => added = await client.PostAsync<OvirtStorageDomain>("storagedomains", body, Run.Id, c).ConfigureAwait(false), ct, checkedNotDone: true).ConfigureAwait(false);
        if (acted)
        {
            Interlocked.Increment(ref state.ImportCount);
        }

        // The engine answers an import when it is done (status unattached); only an answer still locked, or none, is waited for.
        var id = added is { Id: not null, Status: not (null or "locked") } ? added.Id : (await WaitImportedAsync(client, domain, ct).ConfigureAwait(false)).Id!;
        state.ImportedNow[id] = true;
        return id;
    }

    private async Task<OvirtStorageDomain> WaitImportedAsync(IEngineClient client, RecoveryDomain domain, CancellationToken ct)
    {
        OvirtStorageDomain? found = null;
        await _calls.WaitAsync($"{domain.TargetName} at {Target} to finish importing",
            async c => (found = await FindDomainAsync(client, domain, Target, c).ConfigureAwait(false)) is { Id: not null, Status: not (null or "locked") },
            options.StorageTimeout, ct).ConfigureAwait(false);
        return found!;
    }

    /// <summary>
    /// Attaches one domain (attaching activates it); the engine queues attaches behind the SPM, so several are sent at once
    /// and the SPM never idles between two. A domain left in maintenance is activated.
    /// </summary>
    private async Task AttachDomainAsync(TargetPipelineState state, RecoveryDomain domain, string id, CancellationToken ct)
    {
        var client = state.Client;
        var dc = state.DataCenter;

        // One read of the data center's attached domains per check.
        async Task<string?> StatusAsync(CancellationToken c) =>
            (await client.GetAttachedStorageDomainsAsync(dc.Id!, c).ConfigureAwait(false)).FirstOrDefault(d => d.Id == id) is { } attached
                ? attached.Status ?? ""
                : null;

        var status = state.ImportedNow.ContainsKey(id) ? null : await _calls.ReadAsync($"{domain.TargetName} in {dc.Name}", StatusAsync, ct).ConfigureAwait(false);
        if (status is null)
        {
            status = await AttachBehindSpmAsync(client, domain, dc, id, StatusAsync, ct).ConfigureAwait(false);
        }

        if (status == "active")
        {
            return;
        }

        await _calls.WaitAsync($"{domain.TargetName} to settle after attaching",
            async c => (status = await StatusAsync(c).ConfigureAwait(false)) is "active" or "maintenance" or "inactive" or "unknown", options.StorageTimeout, ct).ConfigureAwait(false);
        if (status == "active")
        {
            return;
        }

        await _calls.ActAsync($"activate {domain.TargetName} in {dc.Name}",
            async c => await StatusAsync(c).ConfigureAwait(false) is "active" or "activating",
            c => client.PostActionAsync($"datacenters/{dc.Id}/storagedomains/{id}/activate", new { }, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
        await _calls.WaitAsync($"{domain.TargetName} to become active",
            async c => await StatusAsync(c).ConfigureAwait(false) == "active", options.StorageTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Sends the attach; returns the status the engine answered with (null when it did not say).</summary>
    private async Task<string?> AttachBehindSpmAsync(IEngineClient client, RecoveryDomain domain, OvirtDataCenter dc, string id, Func<CancellationToken, Task<string?>> status, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.StorageTimeout;
        for (var attempt = 1; ; attempt++)
        {
            OvirtStorageDomain? attached = null;
            try
            {
                await _calls.ActAsync($"attach {domain.TargetName} to {dc.Name}",
                    async c => await status(c).ConfigureAwait(false) is not null,
                    async c => attached = await client.PostAsync<OvirtStorageDomain>($"datacenters/{dc.Id}/storagedomains", new { id }, Run.Id, c).ConfigureAwait(false),
                    ct, checkedNotDone: attempt == 1).ConfigureAwait(false);
                return attached?.Status;
            }
            catch (OvirtFaultException fault) when (fault.StatusCode == HttpStatusCode.Conflict && IsBusy(fault) && time.GetUtcNow() < deadline)
            {
                // An engine that refuses a storage operation while another holds the data center (rather than queueing it
                // behind the SPM) is asked again once the other is done.
                if (attempt == 1)
                {
                    await run.LogAsync("info", $"Attaching {domain.TargetName} waits for another storage operation in {dc.Name}: {fault.Message}", ct).ConfigureAwait(false);
                }

                await Task.Delay(options.PollInterval, time, ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsBusy(OvirtFaultException fault) =>
        fault.Message.Contains("in progress", StringComparison.OrdinalIgnoreCase) || fault.Message.Contains("locked", StringComparison.OrdinalIgnoreCase);

    private async Task RegisterTemplatesAsync(TargetPipelineState state, RecoveryDomain domain, int i, string id, CancellationToken ct)
    {
        var client = state.Client;
        var listed = (await _calls.ReadAsync($"unregistered templates of {domain.TargetName}",
            c => client.GetListAsync<OvirtTemplate>($"storagedomains/{id}/templates?unregistered=true", c), ct).ConfigureAwait(false))
            .Where(t => t.Id is not null).ToList();
        state.Templates.Listed(listed.Select(t => t.Id!));
        state.TemplatesListed[i].TrySetResult(true);
        await Task.WhenAll(listed.Select(async template =>
        {
            await state.Registrations.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                // Just listed as unregistered: the first attempt skips its check.
                await _calls.ActAsync($"register template {template.Name}",
                    async c => (await client.GetTemplatesAsync(c).ConfigureAwait(false)).Any(t => t.Id == template.Id),
                    c => client.PostActionAsync($"storagedomains/{id}/templates/{template.Id}/register", state.RegistrationBody, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
                Interlocked.Increment(ref state.TemplatesRegistered);
            }
            catch (OvirtFaultException ex)
            {
                Interlocked.Increment(ref state.TemplatesRefused);
                await run.LogAsync("warning", $"Template {template.Name} from {domain.TargetName} was not registered: {ex.Message}. VMs based on it register with the Blank template.", ct).ConfigureAwait(false);
            }
            finally
            {
                state.Registrations.Release();
                state.Templates.Resolved(template.Id!);
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Registers one VM once its domains are active and its template is registered, then queues it to start.</summary>
    private async Task RegisterVmAsync(TargetPipelineState state, int domainIndex, string domainId, OvirtVm vm, CancellationToken ct)
    {
        var id = vm.Id!;
        var needs = state.VmDomains.TryGetValue(id, out var domains) ? domains.Append(domainIndex) : Enumerable.Range(0, plan.Domains.Count);
        await Task.WhenAll(needs.Distinct().Select(d => state.Active[d].Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.Templates.WaitAsync(vm.Template?.Id, ct).ConfigureAwait(false);
        await state.Registrations.WaitAsync(ct).ConfigureAwait(false);
        Task? saved = null;
        try
        {
            await run.SafePointAsync().ConfigureAwait(false);
            if (run.FindVm(id) is null)
            {
                // A VM the run did not record (not on the source's inventory): saved before it is acted on.
                await run.SaveVmAsync(new VmOutcome
                {
                    RunId = Run.Id,
                    VmId = id,
                    VmName = vm.Name ?? id,
                    HighlyAvailable = vm.HighAvailability?.Enabled ?? false,
                    HaPriority = vm.HighAvailability?.Priority ?? 0,
                }).ConfigureAwait(false);
            }

            // Every VM here was just listed as unregistered, so the first attempt skips its check.
            await _calls.ActAsync($"register VM {run.FindVm(id)?.VmName ?? id}",
                async c => await VmStatusAsync(state.Client, id, c).ConfigureAwait(false) is not null,
                c => state.Client.PostActionAsync($"storagedomains/{domainId}/vms/{id}/register", state.RegistrationBody, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
            var wave = state.StartOrder.TryGetValue(id, out var order) ? order.Wave : 0;
            saved = run.UpdateVmAsync(id, o => o with { Registered = true, RegisteredAt = run.Now, Failed = false, Reason = null, Wave = wave > 0 ? wave : o.Wave });
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

    /// <summary>VMs already registered at the target (a resumed run): recorded as registered, and queued to start unless up.</summary>
    private async Task QueueVmsAtTargetAsync(TargetPipelineState state)
    {
        foreach (var vm in run.Vms.Where(v => state.VmsAtStart.ContainsKey(v.VmId)).ToList())
        {
            var status = state.VmsAtStart[vm.VmId];
            var wave = vm.WasRunning && state.StartOrder.TryGetValue(vm.VmId, out var order) ? order.Wave : vm.Wave;
            var up = vm.Up || (vm.WasRunning && status == "up");
            if (!vm.Registered || vm.Wave != wave || up != vm.Up)
            {
                await run.SaveVmAsync(vm with { Registered = true, RegisteredAt = vm.RegisteredAt ?? run.Now, Wave = wave, Up = up, UpAt = up ? vm.UpAt ?? run.Now : vm.UpAt }).ConfigureAwait(false);
            }

            QueueStart(state, vm.VmId, knownDown: false);
        }
    }

    private void QueueStart(TargetPipelineState state, string id, bool knownDown)
    {
        if (run.FindVm(id) is { WasRunning: true, Up: false, Failed: false } && state.Queued.TryAdd(id, true))
        {
            state.Starts.Enqueue(id, state.StartOrder.TryGetValue(id, out var order) ? order.Rank : int.MaxValue, knownDown);
        }
    }

    /// <summary>Once every domain's VMs are registered: the VMs no domain held are reported, and the start queue is closed.</summary>
    private async Task AfterRegistrationAsync(TargetPipelineState state, CancellationToken ct)
    {
        await Task.WhenAll(state.VmsDone.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);

        // Recorded as registered earlier but not seen at the target now: the start reads it and reports it.
        foreach (var vm in run.Vms.Where(v => v.Registered && !state.Claimed.ContainsKey(v.VmId)).ToList())
        {
            QueueStart(state, vm.VmId, knownDown: false);
        }

        state.Starts.Complete();
        var missing = run.Vms.Where(v => !v.Registered && !v.Failed).ToList();
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
                await run.SafePointAsync().ConfigureAwait(false);
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
                var status = await _calls.ReadAsync($"VM {id}", c => VmStatusAsync(client, id, c), ct).ConfigureAwait(false);
                switch (status)
                {
                    case null:
                        state.Starts.Release();
                        await FailVmAsync(id, $"The VM is not registered at {Target}.", ct).ConfigureAwait(false);
                        return;
                    case "up":
                        state.Starts.Release();
                        await run.UpdateVmAsync(id, o => o with { Up = true, UpAt = o.UpAt ?? run.Now }).ConfigureAwait(false);
                        return;
                    case not "down":
                        await state.Booting.Writer.WriteAsync((id, run.Now + options.VmUpTimeout), ct).ConfigureAwait(false);
                        return;
                }
            }

            await run.UpdateVmAsync(id, o => o with { Started = true, StartedAt = run.Now }).ConfigureAwait(false);
            await _calls.ActAsync($"start VM {run.FindVm(id)?.VmName ?? id}",
                async c => (await VmStatusAsync(client, id, c).ConfigureAwait(false)) is not "down",
                c => client.PostActionAsync($"vms/{id}/start", new { }, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
            await state.Booting.Writer.WriteAsync((id, run.Now + options.VmUpTimeout), ct).ConfigureAwait(false);
        }
        catch (EngineException ex)
        {
            state.Starts.Release();
            await FailVmAsync(id, $"Start at {Target} failed: {ex.Message}", ct).ConfigureAwait(false);
        }
    }

    /// <summary>One read of the target's VMs per poll for every started VM; a VM up (or past its timeout) frees its slot.</summary>
    private async Task WatchBootsAsync(TargetPipelineState state, CancellationToken ct)
    {
        var waiting = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var reader = state.Booting.Reader;
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
                    return;
                }

                continue;
            }

            await Task.Delay(options.PollInterval, time, ct).ConfigureAwait(false);
            var vms = await _calls.ReadAsync($"VMs starting at {Target}", c => state.Client.GetVmsAsync(false, c), ct).ConfigureAwait(false);
            var statuses = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var vm in vms.Where(v => v.Id is not null && waiting.ContainsKey(v.Id)))
            {
                statuses[vm.Id!] = vm.Status;
            }

            var now = run.Now;
            var up = waiting.Keys.Where(id => statuses.GetValueOrDefault(id) == "up").ToList();
            var late = waiting.Where(w => !up.Contains(w.Key) && now > w.Value).Select(w => w.Key).ToList();
            foreach (var id in up.Concat(late))
            {
                // The slot goes to the next VM before the outcome is saved.
                waiting.Remove(id);
                state.Starts.Release();
            }

            await Task.WhenAll(up.Select(id => run.UpdateVmAsync(id, o => o with { Up = true, UpAt = now }))).ConfigureAwait(false);

            foreach (var id in late)
            {
                await FailVmAsync(id, $"Started but not up within {options.VmUpTimeout}; its status is {statuses.GetValueOrDefault(id) ?? "unknown"}. Check the VM's events at {Target}.", ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Saves each step as finished once its last piece of work is done, in order.</summary>
    private async Task FinishStepsAsync(TargetPipelineState state, Task registered, Task booted, CancellationToken ct)
    {
        await Task.WhenAll(state.Imported.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.ImportStep.FinishAsync($"{state.ImportCount} domains imported, {plan.Domains.Count - state.ImportCount} were already there").ConfigureAwait(false);
        await Task.WhenAll(state.Active.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.AttachStep.FinishAsync($"{plan.Domains.Count} domains active in {state.DataCenter.Name}").ConfigureAwait(false);
        await Task.WhenAll(state.TemplatesDone.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.TemplateStep.FinishAsync($"{state.TemplatesRegistered} templates registered{(state.TemplatesRefused > 0 ? $", {state.TemplatesRefused} refused (see log)" : "")}").ConfigureAwait(false);
        await registered.WaitAsync(ct).ConfigureAwait(false);
        var vms = run.Vms;
        await state.RegisterStep.FinishAsync($"{vms.Count(v => v.Registered)} VMs registered, {vms.Count(v => v.Failed)} failed or not recovered").ConfigureAwait(false);
        await booted.WaitAsync(ct).ConfigureAwait(false);
        var wanted = run.Vms.Where(v => v.WasRunning).ToList();
        var waves = wanted.Select(v => v.Wave).DefaultIfEmpty(0).Max();
        await state.StartStep.FinishAsync($"{wanted.Count(v => v.Up)} of {wanted.Count} VMs up in {waves} waves; {wanted.Count(v => v.Failed)} failed").ConfigureAwait(false);
    }

    private OvirtStorageDomain? FindDomain(IReadOnlyList<OvirtStorageDomain> all, RecoveryDomain domain, string site) =>
        all.FirstOrDefault(d => domain.Id is not null && d.Id == domain.Id) ?? all.FirstOrDefault(d => d.Name == NameAt(domain, site));
}
