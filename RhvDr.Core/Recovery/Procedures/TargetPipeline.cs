using System.Runtime.ExceptionServices;
using RhvDr.Core.Ovirt;
using static RhvDr.Core.Recovery.RecoveryStepNames;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// The target side as a pipeline per storage domain (DESIGN §6 steps 5–7). Attaching queues behind the data center's SPM one
/// domain at a time, so the run does not wait for every domain: as soon as one is active, its templates and VMs register and
/// its VMs start while the next domains still wait for the SPM. The five steps (import, attach, templates, VMs, starts)
/// therefore run side by side, each shown running from its first piece of work to its last.
/// </summary>
internal sealed partial class TargetPipeline(ProcedureScope scope) : ProcedurePart(scope)
{
    private static readonly string[] TargetSteps = [ImportDomains, ActivateDomains, RegisterTemplates, RegisterVms, StartVms];

    /// <summary>The five overlapping steps of recovery at the target, as one stage.</summary>
    public RunStage Stage(bool test)
    {
        var domains = Plan.Domains.Count;
        return new OverlappingSteps(
        [
            new(ImportDomains, $"Import storage domains at {Target} (master first)", 20 * domains),
            new(ActivateDomains, $"Attach and activate the domains at {Target} (one at a time behind the SPM)", 25 * domains),
            new(RegisterTemplates, "Register templates, domain by domain as each becomes active", 10),
            new(RegisterVms, test ? "Register VMs as their domains become active (networks mapped to the isolated test profile)" : "Register VMs with the mapping as their domains become active", 60),
            new(StartVms, Plan.RunPlan is { } plan
                ? $"Start the VMs that ran at the source as they register: by the priority groups of plan '{plan.Name}' (group 1 first; each group once the groups before it are up), {Math.Max(1, Options.MaxParallelStarts)} at a time"
                : $"Start the VMs that ran at the source as they register: HA first by priority, {Math.Max(1, Options.MaxParallelStarts)} at a time", 120),
            .. new PlanSteps(Scope).GroupDefinitions(),
        ], () => RecoverAtTargetAsync(test));
    }

    /// <summary>The report's line for a run that recovered at the target.</summary>
    public static string Summary(ProcedureScope scope)
    {
        var vms = scope.Context.Vms;
        var wanted = vms.Where(v => v.WasRunning).ToList();
        return $"{wanted.Count(v => v.Up)} of {wanted.Count} VMs that ran at {scope.Plan.SourceSite} are up at {scope.Plan.TargetSite}; {vms.Count(v => v.Registered)} registered; {vms.Count(v => v.Failed)} failed or not recovered";
    }

    private async Task RecoverAtTargetAsync(bool test)
    {
        if (TargetSteps.All(Context.StepSucceeded))
        {
            return;
        }

        await Context.SafePointAsync().ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Context.Cancellation);
        var ct = stop.Token;
        using var state = await BeginPipelineAsync(test, ct).ConfigureAwait(false);
        var steps = new[] { state.ImportStep, state.AttachStep, state.TemplateStep, state.RegisterStep, state.Starts.Step };

        var tasks = Plan.Domains.Select((domain, i) => DomainPipelineAsync(state, domain, i, ct)).ToList();
        await QueueVmsAtTargetAsync(state).ConfigureAwait(false);
        var registered = AfterRegistrationAsync(state, ct);
        var started = state.Starts.DispatchAsync(ct);
        var booted = state.Starts.WatchBootsAsync(ct);
        tasks.AddRange([registered, started, booted, FinishStepsAsync(state, registered, booted, ct)]);
        if (state.PlanPolicy is { } policy)
        {
            tasks.Add(policy.GroupStepsAsync(ct));
        }


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

    /// <summary>How many recent runs that verified VMs teach a plan run how long each VM takes to verify.</summary>
    private const int LearnedRuns = 5;

    /// <summary>Reads what the target holds once, side by side, instead of once per domain and per VM.</summary>
    private async Task<TargetPipelineState> BeginPipelineAsync(bool test, CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var importStep = new ConcurrentStep(Context, ImportDomains);
        var templateStep = new ConcurrentStep(Context, RegisterTemplates);
        var hostsRead = importStep.Done ? Task.FromResult<IReadOnlyList<OvirtHost>>([]) : Calls.ReadAsync($"hosts at {Target}", client.GetHostsAsync, ct);
        var domainsRead = Calls.ReadAsync($"storage domains at {Target}", client.GetStorageDomainsAsync, ct);
        var dataCentersRead = Calls.ReadAsync($"data centers at {Target}", client.GetDataCentersAsync, ct);
        var clustersRead = Calls.ReadAsync($"clusters at {Target}", client.GetClustersAsync, ct);
        var vmsRead = Calls.ReadAsync($"VMs at {Target}", c => client.GetVmsAsync(false, c), ct);
        var templatesRead = templateStep.Done ? Task.FromResult<IReadOnlyList<OvirtTemplate>>([]) : Calls.ReadAsync($"templates at {Target}", client.GetTemplatesAsync, ct);
        var profilesRead = test ? TestProfileNamesAsync(client, ct) : Task.FromResult<IReadOnlyList<string>>([]);
        var vnicProfilesRead = test ? client.GetVnicProfilesAsync(ct) : Task.FromResult<IReadOnlyList<OvirtVnicProfile>>([]);
        var verificationTimesRead = Plan.RunPlan is not null && Scope.History is { } history
            ? history.GetVerificationTimesAsync(LearnedRuns, ct)
            : Task.FromResult<IReadOnlyDictionary<string, TimeSpan>>(new Dictionary<string, TimeSpan>(StringComparer.Ordinal));
        await Task.WhenAll(hostsRead, domainsRead, dataCentersRead, clustersRead, vmsRead, templatesRead, profilesRead, vnicProfilesRead, verificationTimesRead).ConfigureAwait(false);

        OvirtHost? host = null;
        if (!importStep.Done)
        {
            host = hostsRead.Result.FirstOrDefault(h => h.StatusValue == HostStatus.Up)
                ?? throw new InvalidOperationException($"No host is up at {Target}: importing a storage domain needs one. Activate a host there, then resume the run.");
        }

        var dc = TargetDataCenter(dataCentersRead.Result);
        var cluster = TargetCluster(dc, clustersRead.Result);
        var isolatedId = test ? vnicProfilesRead.Result.FirstOrDefault(p => p.Name == Options.TestNetworkProfile)?.Id : null;
        var vmsAtStart = new Dictionary<string, VmStatus?>(StringComparer.Ordinal);
        foreach (var vm in vmsRead.Result.Where(v => v.Id is not null))
        {
            vmsAtStart[vm.Id!] = vm.StatusValue;
        }

        var parallelism = Math.Max(1, Options.MaxParallelStarts);
        var planPolicy = Plan.RunPlan is { } runPlan ? new PlanStartPolicy(Context, runPlan, Time, new PlanSteps(Scope), ct, verificationTimesRead.Result, Options.GuestAgentTimeout) : null;
        return new TargetPipelineState(Plan.Domains.Count, parallelism)
        {
            Client = client,
            DataCenter = dc,
            RegistrationBody = RegistrationBody(cluster, test, profilesRead.Result, isolatedId),
            ImportHost = host,
            StorageDomainsAtStart = domainsRead.Result,
            VmsAtStart = vmsAtStart,
            VmDomains = VmDomainsFromInventory(),
            Templates = new TemplateGate(Plan.Domains.Count, templatesRead.Result.Select(t => t.Id).OfType<string>(), open: templateStep.Done),
            ImportStep = importStep,
            AttachStep = new ConcurrentStep(Context, ActivateDomains),
            TemplateStep = templateStep,
            RegisterStep = new ConcurrentStep(Context, RegisterVms),
            PlanPolicy = planPolicy,
            Starts = new VmStarts(Scope, client, new ConcurrentStep(Context, StartVms), (IStartPolicy?)planPolicy ?? HaWaveStartPolicy.For(Context.Vms.Where(v => v.WasRunning), parallelism), parallelism, ct),
        };
    }

    /// <summary>
    /// Which of the plan's domains hold each VM's disks, from the source's last inventory: a VM registers only once all of
    /// them are active, so partial import never drops a disk that is merely on a domain still waiting for the SPM.
    /// </summary>
    private Dictionary<string, int[]> VmDomainsFromInventory()
    {
        var index = Plan.Domains.Select((d, i) => (d.SourceName, i)).ToDictionary(p => p.SourceName, p => p.i, StringComparer.Ordinal);
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var vm in Inventory.Current.Find(Source)?.Inventory.Vms ?? [])
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
                await Context.SafePointAsync().ConfigureAwait(false);
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
                await Context.SafePointAsync().ConfigureAwait(false);
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
            var listed = await Calls.ReadAsync($"unregistered VMs of {domain.TargetName}",
                c => state.Client.GetListAsync<OvirtVm>($"storagedomains/{id}/vms?unregistered=true", c), ct).ConfigureAwait(false);
            var mine = listed.Where(v => v.Id is not null && !state.VmsAtStart.ContainsKey(v.Id) && state.Claimed.TryAdd(v.Id, true)).ToList();

            // The gate knows this domain's templates only once they are listed.
            await state.TemplatesListed[i].Task.WaitAsync(ct).ConfigureAwait(false);
            await Task.WhenAll(mine.Select(vm => RegisterVmAsync(state, i, id, vm, ct))).ConfigureAwait(false);
        }

        state.VmsDone[i].TrySetResult(true);
    }

    /// <summary>Saves each step as finished once its last piece of work is done, in order.</summary>
    private async Task FinishStepsAsync(TargetPipelineState state, Task registered, Task booted, CancellationToken ct)
    {
        await Task.WhenAll(state.Imported.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.ImportStep.FinishAsync($"{state.ImportCount} domains imported, {Plan.Domains.Count - state.ImportCount} were already there").ConfigureAwait(false);
        await Task.WhenAll(state.Active.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.AttachStep.FinishAsync($"{Plan.Domains.Count} domains active in {state.DataCenter.Name}").ConfigureAwait(false);
        await Task.WhenAll(state.TemplatesDone.Select(d => d.Task)).WaitAsync(ct).ConfigureAwait(false);
        await state.TemplateStep.FinishAsync($"{state.TemplatesRegistered} templates registered{(state.TemplatesRefused > 0 ? $", {state.TemplatesRefused} refused (see log)" : "")}").ConfigureAwait(false);
        await registered.WaitAsync(ct).ConfigureAwait(false);
        var vms = Context.Vms;
        await state.RegisterStep.FinishAsync($"{vms.Count(v => v.Registered)} VMs registered, {vms.Count(v => v.Failed)} failed or not recovered").ConfigureAwait(false);
        await booted.WaitAsync(ct).ConfigureAwait(false);
        if (state.PlanPolicy is { } policy)
        {
            // The last group's post-steps, and the steps of groups that started no VM (skipped), before the starts count as done.
            await policy.FinishGroupsAsync().ConfigureAwait(false);
        }

        var wanted = Context.Vms.Where(v => v.WasRunning).ToList();
        var waves = wanted.Select(v => v.Wave).DefaultIfEmpty(0).Max();
        if (Plan.RunPlan is { } plan)
        {
            var skipped = wanted.Count(v => plan.Definition.FindVm(v.VmName) is { Skip: true });
            var groups = wanted.Select(v => v.Wave).Where(w => w > 0).Distinct().Count();
            await state.Starts.Step.FinishAsync($"{wanted.Count(v => v.Up)} of {wanted.Count - skipped} VMs up in {groups} priority groups of plan '{plan.Name}'; {skipped} skipped by the plan; {wanted.Count(v => v.Failed)} failed").ConfigureAwait(false);
            return;
        }

        await state.Starts.Step.FinishAsync($"{wanted.Count(v => v.Up)} of {wanted.Count} VMs up in {waves} waves; {wanted.Count(v => v.Failed)} failed").ConfigureAwait(false);
    }

    private OvirtStorageDomain? FindDomain(IReadOnlyList<OvirtStorageDomain> all, RecoveryDomain domain, string site) =>
        all.FirstOrDefault(d => domain.Id is not null && d.Id == domain.Id) ?? all.FirstOrDefault(d => d.Name == NameAt(domain, site));
}
