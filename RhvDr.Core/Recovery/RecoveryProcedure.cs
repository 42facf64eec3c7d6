using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Core.Replication;
using static RhvDr.Core.Recovery.RecoveryStepNames;

namespace RhvDr.Core.Recovery;

/// <summary>
/// The steps of one run (DESIGN §6), for every kind. Each step reads the real state before it acts, so executing the
/// procedure again after an interruption continues where the engines are, never repeating what is done.
/// </summary>
public sealed partial class RecoveryProcedure(
    RunContext run,
    RecoveryPlan plan,
    IEngineClientFactory clients,
    IReplicationController replication,
    IInventoryStore inventory,
    RecoveryOptions options,
    TimeSpan sanlockWait,
    TimeProvider time,
    IReadinessStore? readiness = null,
    MappingService? mappings = null)
{
    private readonly EngineCalls _calls = new(run, options, time);

    private RecoveryRun Run => run.Run;

    private bool Planned => Run.Mode == RunMode.Planned;

    private string Source => plan.SourceSite;

    private string Target => plan.TargetSite;

    public async Task ExecuteAsync()
    {
        await run.PlanStepsAsync(StepPlan()).ConfigureAwait(false);
        await run.StepAsync(Preflight, PreflightAsync).ConfigureAwait(false);
        switch (Run.Kind)
        {
            case RunKind.Failover or RunKind.Failback:
                await run.StepAsync(RecordVms, RecordVmsAsync).ConfigureAwait(false);
                if (Planned)
                {
                    if (Run.Kind == RunKind.Failback)
                    {
                        await run.StepAsync(PrepareReplication, ct => ReplicateAsync(ReplicationOperations.Reverse, Source, Target, ct)).ConfigureAwait(false);
                    }

                    await run.StepAsync(ShutdownSource, ShutdownSourceAsync).ConfigureAwait(false);
                    await run.StepAsync(UpdateOvf, UpdateOvfAsync).ConfigureAwait(false);
                    await run.StepAsync(DeactivateSource, ct => DeactivateDomainsAsync(Source, ct)).ConfigureAwait(false);
                    await run.StepAsync(SyncReplicas, ct => ReplicateAsync(ReplicationOperations.Sync, Source, Target, ct)).ConfigureAwait(false);
                    await run.StepAsync(RemoveSource, ct => RemoveDomainsAsync(Source, ct)).ConfigureAwait(false);
                }

                await run.StepAsync(SwitchStorage, SwitchStorageAsync).ConfigureAwait(false);
                if (!Planned)
                {
                    await run.StepAsync(SanlockWait, SanlockWaitAsync).ConfigureAwait(false);
                }

                await RecoverAtTargetAsync(test: false).ConfigureAwait(false);
                if (Planned && Run.Kind == RunKind.Failback)
                {
                    await run.StepAsync(Reprotect, ct => ReplicateAsync(ReplicationOperations.Reverse, Target, Source, ct)).ConfigureAwait(false);
                }

                break;
            case RunKind.Test:
                await run.StepAsync(RecordVms, RecordVmsAsync).ConfigureAwait(false);
                await run.StepAsync(TestCopies, async ct =>
                {
                    await RecordRecoveryPointAsync(ct).ConfigureAwait(false);
                    return await ReplicateAsync(ReplicationOperations.TestCopy, Source, Target, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                await RecoverAtTargetAsync(test: true).ConfigureAwait(false);
                break;
            case RunKind.Cleanup:
                await run.StepAsync(StopTestVms, StopTestVmsAsync).ConfigureAwait(false);
                await run.StepAsync(RemoveTestDomains, async ct =>
                {
                    await DeactivateDomainsAsync(Target, ct).ConfigureAwait(false);
                    return await RemoveDomainsAsync(Target, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                await run.StepAsync(RemoveTestCopies, ct => ReplicateAsync(ReplicationOperations.RemoveTestCopy, Source, Target, ct)).ConfigureAwait(false);
                break;
            case RunKind.Evacuate or RunKind.Return:
                await ExecuteStretchAsync().ConfigureAwait(false);
                break;
        }

        await run.StepAsync(Report, _ => Task.FromResult<string?>(Summary())).ConfigureAwait(false);
    }

    private List<(string, string, double)> StepPlan()
    {
        var steps = new List<(string, string, double)> { (Preflight, "Preflight: mapping, engines, replication", 5) };
        void Recovery(bool test)
        {
            // The last four overlap: each domain goes on to its templates, VMs and starts as soon as it is active.
            steps.Add((ImportDomains, $"Import storage domains at {Target} (master first)", 20 * plan.Domains.Count));
            steps.Add((ActivateDomains, $"Attach and activate the domains at {Target} (one at a time behind the SPM)", 25 * plan.Domains.Count));
            steps.Add((RegisterTemplates, "Register templates, domain by domain as each becomes active", 10));
            steps.Add((RegisterVms, test ? "Register VMs as their domains become active (networks mapped to the isolated test profile)" : "Register VMs with the mapping as their domains become active", 60));
            steps.Add((StartVms, $"Start the VMs that ran at the source as they register: HA first by priority, {Math.Max(1, options.MaxParallelStarts)} at a time", 120));
        }

        switch (Run.Kind)
        {
            case RunKind.Failover or RunKind.Failback:
                steps.Add((RecordVms, Planned ? $"Record the VMs running at {Source}" : $"Take the running VMs of {Source} from the last inventory", 5));
                if (Planned)
                {
                    if (Run.Kind == RunKind.Failback)
                    {
                        steps.Add((PrepareReplication, $"Storage: replicate {Source} → {Target}", 60));
                    }

                    steps.Add((ShutdownSource, $"Shut down the VMs at {Source} (power off after {options.ShutdownTimeout})", 60));
                    steps.Add((UpdateOvf, $"Update the OVF stores at {Source}", 10));
                    steps.Add((DeactivateSource, $"Put the replicated domains at {Source} into maintenance", 15 * plan.Domains.Count));
                    steps.Add((SyncReplicas, $"Storage: ship the last changes to {Target}", 10));
                    steps.Add((RemoveSource, $"Detach and remove the domains at {Source} (no format)", 15 * plan.Domains.Count));
                }

                steps.Add((SwitchStorage, Planned ? $"Storage: split, promote {Target}, demote {Source}" : $"Storage: split and promote {Target}", 10));
                if (!Planned)
                {
                    steps.Add((SanlockWait, "Wait for the lost site's sanlock leases to expire", sanlockWait.TotalSeconds));
                }

                Recovery(test: false);
                if (Planned && Run.Kind == RunKind.Failback)
                {
                    steps.Add((Reprotect, $"Storage: re-protect, replicate {Target} → {Source}", 60));
                }

                break;
            case RunKind.Test:
                steps.Add((RecordVms, $"Record the VMs running at {Source}", 5));
                steps.Add((TestCopies, $"Storage: writeable test copies of the replicas at {Target}", 10));
                Recovery(test: true);
                break;
            case RunKind.Cleanup:
                steps.Add((StopTestVms, $"Power off the test VMs at {Target}", 10));
                steps.Add((RemoveTestDomains, $"Deactivate, detach and remove the test domains at {Target}", 30 * plan.Domains.Count));
                steps.Add((RemoveTestCopies, $"Storage: drop the test copies at {Target}", 10));
                break;
            case RunKind.Evacuate or RunKind.Return:
                steps.AddRange(StretchStepPlan());
                break;
        }

        steps.Add((Report, "Report", 1));
        return steps;
    }

    private async Task<string?> PreflightAsync(CancellationToken ct)
    {
        if (RunKinds.IsStretch(Run.Kind))
        {
            return await StretchPreflightAsync(ct).ConfigureAwait(false);
        }

        var findings = new List<string>(plan.Findings);

        // Both engines are asked at once: a lost source takes its retries' time to answer, the target need not wait for it.
        var sourceProbe = Run.Kind is RunKind.Failover or RunKind.Failback ? ProbeAsync(Source, ct) : Task.FromResult<string?>(null);
        var mappingCheck = !Planned && Run.Kind is (RunKind.Failover or RunKind.Failback) && plan.Mapping is not null && mappings is not null
            ? CheckMappingWithLostSourceAsync(ct)
            : Task.FromResult<(List<string>, string?)>(([], null));
        var targetError = await ProbeAsync(Target, ct).ConfigureAwait(false);
        if (targetError is not null)
        {
            findings.Add($"The {Target} engine cannot be reached: {targetError}. Nothing can be recovered there until it answers.");
        }

        if (Run.Kind is RunKind.Failover or RunKind.Failback)
        {
            var sourceError = await sourceProbe.ConfigureAwait(false);
            if (Planned && sourceError is not null)
            {
                findings.Add($"The {Source} engine cannot be reached ({sourceError}); a planned run shuts it down cleanly. If the site is lost, start a disaster run.");
            }
            else if (!Planned && sourceError is null)
            {
                findings.Add($"The {Source} engine still answers: a disaster run would leave its VMs running next to their copies. Use a planned run, or override only if {Source} is isolated from the storage and network.");
            }
        }

        var (mappingProblems, mappingChecked) = await mappingCheck.ConfigureAwait(false);
        findings.AddRange(mappingProblems);

        if (Run.Kind == RunKind.Test && targetError is null)
        {
            var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
            var profiles = await _calls.ReadAsync("vNIC profiles", client.GetVnicProfilesAsync, ct).ConfigureAwait(false);
            if (profiles.All(p => p.Name != options.TestNetworkProfile))
            {
                findings.Add($"The {Target} engine has no vNIC profile '{options.TestNetworkProfile}' for test VMs: create an isolated network and profile with that name, or set RhvDr:Recovery:TestNetworkProfile.");
            }
        }

        var gate = ReadinessGate.Evaluate(readiness?.Current, Run.Kind, Run.Mode);
        findings.AddRange(gate.Blocking.Select(f => $"Readiness check '{f.Id}' ({f.Title}) fails: {f.Summary} {f.Remediation}".TrimEnd()));
        foreach (var warning in gate.Warnings)
        {
            await run.LogAsync("warning", $"Readiness check '{warning.Id}' ({warning.Title}) does not pass; it does not block the run: {warning.Summary}", ct).ConfigureAwait(false);
        }

        var readinessNote = gate.Applies ? $"; {gate.Summary}" : "";
        var mappingNote = mappingChecked ?? (plan.Mapping is null ? "none saved (names matched as they are)" : "active version");
        if (findings.Count == 0)
        {
            return $"{plan.Domains.Count} domains: {string.Join(", ", plan.Domains.Select(d => d.SourceName))}; replication: {replication.Name}; mapping: {mappingNote}{readinessNote}";
        }

        if (string.IsNullOrWhiteSpace(Run.OverrideReason))
        {
            throw new InvalidOperationException($"Preflight found {findings.Count} problem(s): {string.Join(" | ", findings)} Fix them, or start the run again with an override reason.");
        }

        foreach (var finding in findings)
        {
            await run.LogAsync("warning", $"Overridden ({Run.OverrideReason}): {finding}", ct).ConfigureAwait(false);
        }

        var failedChecks = gate.Blocking.Count == 0 ? "" : $"; failed readiness checks: {string.Join(", ", gate.Blocking.Select(f => f.Id))}";
        return $"{findings.Count} problem(s) overridden by {Run.RequestedBy}: {Run.OverrideReason}{failedChecks}{(mappingChecked is null ? "" : $"; mapping: {mappingChecked}")}";
    }

    /// <summary>
    /// A disaster run checks the mapping it uses itself, rather than trust a readiness verdict that may predate the loss: the
    /// lost source against the last inventory the console read from it, or not at all when it has read none since it started
    /// (neither blocks: the loss is the premise), the target live. Only real gaps come back as problems.
    /// </summary>
    private async Task<(List<string> Problems, string? Checked)> CheckMappingWithLostSourceAsync(CancellationToken ct)
    {
        MappingCheckResult result;
        try
        {
            result = await mappings!.ValidateWithLostSideAsync(plan.Mapping!, plan.SourceSide, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ([$"The DR mapping could not be checked ({ex.Message}); check it on the Mapping page."], null);
        }

        var problems = result.Findings.Where(f => f.IsError)
            .Select(f => $"Mapping {(f.Key.Length == 0 ? "(file)" : f.Key)}: {f.Message} {f.Fix}".TrimEnd())
            .ToList();
        var warnings = result.Findings.Count(f => f.Severity == MappingSeverity.Warning);
        var version = plan.MappingVersion is { } v ? $"version {v}" : "the active version";
        var text = $"{version} checked: {string.Join("; ", result.EngineChecks.Select(c => c.Summary))}; {problems.Count} error(s), {warnings} warning(s)";
        var notChecked = result.LostSide is { CheckedAgainstLastInventory: false };
        await run.LogAsync(notChecked ? "warning" : "info",
            $"Mapping {text}.{(notChecked ? $" The {Source} side could not be checked; that does not block a disaster run." : "")}", ct).ConfigureAwait(false);
        return (problems, text);
    }

    private async Task<string?> ProbeAsync(string site, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var client = await clients.GetClientAsync(site, timeout.Token).ConfigureAwait(false);
            await client.GetApiAsync(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (EngineException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "no answer within 30 s";
        }
    }

    private async Task<string?> ReplicateAsync(string operation, string source, string target, CancellationToken ct)
    {
        var request = new ReplicationRequest(operation, source, target, Planned, [.. plan.Domains.Select(d => new ReplicatedDomain(d.Id, d.SourceName))]);
        await replication.ExecuteAsync(request, run, ct).ConfigureAwait(false);
        return $"{operation} {source} → {target} through {replication.Name}: {request.VolumeNames}";
    }

    private async Task<string?> SwitchStorageAsync(CancellationToken ct)
    {
        await RecordRecoveryPointAsync(ct).ConfigureAwait(false);
        return await ReplicateAsync(ReplicationOperations.Failover, Source, Target, ct).ConfigureAwait(false);
    }

    /// <summary>The data the target will hold is as of the oldest replica's last sync (now, after a planned run's final sync).</summary>
    private async Task RecordRecoveryPointAsync(CancellationToken ct)
    {
        var volumes = await replication.GetVolumesAsync(ct).ConfigureAwait(false);
        var syncs = volumes.Where(v => plan.Domains.Any(d => d.Id == v.DomainId || d.SourceName == v.DomainName) && v.LastSync is not null).Select(v => v.LastSync!.Value).ToList();
        var recoveryPoint = Planned && Run.Kind != RunKind.Test ? run.Now : syncs.Count > 0 ? syncs.Min() : (DateTimeOffset?)null;
        await run.SetRunAsync(r => r with { RecoveryPoint = recoveryPoint }).ConfigureAwait(false);
    }

    /// <summary>
    /// The lost hosts stopped renewing their leases when the site was lost, before the run began; so the leases have
    /// expired <see cref="sanlockWait"/> after the run's start at the latest. Counting from there lets preflight, the
    /// record of running VMs and the storage switch happen inside the wait instead of before it (a resumed run keeps its
    /// first start, so it does not wait again).
    /// </summary>
    private async Task<string?> SanlockWaitAsync(CancellationToken ct)
    {
        var expires = (Run.StartedAt ?? run.Now) + sanlockWait;
        var remaining = expires - run.Now;
        if (remaining > TimeSpan.Zero)
        {
            await run.LogAsync("info", $"Waiting {remaining.TotalSeconds:0.#} s more for the sanlock leases held by {Source}'s hosts to expire ({sanlockWait.TotalSeconds:0.#} s from the run's start).", ct).ConfigureAwait(false);
        }

        // Timers run on their own clock: wait until the wall clock, which the run's times are kept in, has passed too.
        for (var left = remaining; left > TimeSpan.Zero; left = expires - run.Now)
        {
            await Task.Delay(left, time, ct).ConfigureAwait(false);
        }

        return $"{sanlockWait.TotalSeconds:0.#} s from the run's start; waited {Math.Max(0, remaining.TotalSeconds):0.#} s here";
    }

    private string Summary()
    {
        var vms = run.Vms;
        var wanted = vms.Where(v => v.WasRunning).ToList();
        if (RunKinds.IsStretch(Run.Kind))
        {
            return StretchSummary();
        }

        return Run.Kind == RunKind.Cleanup
            ? $"{vms.Count} test VMs stopped and removed with {plan.Domains.Count} test domains"
            : $"{wanted.Count(v => v.Up)} of {wanted.Count} VMs that ran at {Source} are up at {Target}; {vms.Count(v => v.Registered)} registered; {vms.Count(v => v.Failed)} failed or not recovered";
    }
}
