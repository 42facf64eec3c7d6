using RhvDr.Core.Mapping;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// Preflight of an Active/Passive run: the engines each side must have, the mapping, the test network and the readiness
/// verdict. Problems stop the run unless an override reason was given; then each is logged as overridden.
/// </summary>
internal sealed class PreflightChecks(ProcedureScope scope) : ProcedurePart(scope)
{
    public async Task<string?> RunAsync(CancellationToken ct)
    {
        var findings = new List<string>(Plan.Findings);

        // Both engines are asked at once: a lost source takes its retries' time to answer, the target need not wait for it.
        var sourceProbe = Run.Kind is RunKind.Failover or RunKind.Failback ? ProbeAsync(Source, ct) : Task.FromResult<string?>(null);
        var mappingCheck = !Planned && Run.Kind is (RunKind.Failover or RunKind.Failback) && Plan.Mapping is not null && Scope.Mappings is not null
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
            var client = await Clients.GetClientAsync(Target, ct).ConfigureAwait(false);
            var profiles = await Calls.ReadAsync("vNIC profiles", client.GetVnicProfilesAsync, ct).ConfigureAwait(false);
            if (profiles.All(p => p.Name != Options.TestNetworkProfile))
            {
                findings.Add($"The {Target} engine has no vNIC profile '{Options.TestNetworkProfile}' for test VMs: create an isolated network and profile with that name, or set RhvDr:Recovery:TestNetworkProfile.");
            }
        }

        if (Scope.ReIp.Active && Run.Kind is RunKind.Failover or RunKind.Failback or RunKind.Test)
        {
            findings.AddRange(await PlanReIpAsync(ct).ConfigureAwait(false));
        }

        var gate = ReadinessGate.Evaluate(Scope.Readiness?.Current, Run.Kind, Run.Mode);
        findings.AddRange(gate.Blocking.Select(f => $"Readiness check '{f.Id}' ({f.Title}) fails: {f.Summary} {f.Remediation}".TrimEnd()));
        foreach (var warning in gate.Warnings)
        {
            await Context.LogAsync(RunLogLevel.Warning, $"Readiness check '{warning.Id}' ({warning.Title}) does not pass; it does not block the run: {warning.Summary}", ct).ConfigureAwait(false);
        }

        foreach (var note in Plan.Notes)
        {
            await Context.LogAsync(RunLogLevel.Info, note, ct).ConfigureAwait(false);
        }

        var readinessNote = gate.Applies ? $"; {gate.Summary}" : "";
        var mappingNote = mappingChecked ?? (Plan.Mapping is null ? "none saved (names matched as they are)" : "active version");
        if (findings.Count == 0)
        {
            var planNote = Plan.RunPlan is { } plan ? $"plan '{plan.Name}' (plans version {plan.Version}): " : "";
            return $"{planNote}{Plan.Domains.Count} domains: {string.Join(", ", Plan.Domains.Select(d => d.SourceName))}; replication: {Scope.Replication.Name}; mapping: {mappingNote}{readinessNote}";
        }

        if (string.IsNullOrWhiteSpace(Run.OverrideReason))
        {
            throw new InvalidOperationException($"Preflight found {findings.Count} problem(s): {string.Join(" | ", findings)} Fix them, or start the run again with an override reason.");
        }

        foreach (var finding in findings)
        {
            await Context.LogAsync(RunLogLevel.Warning, $"Overridden ({Run.OverrideReason}): {finding}", ct).ConfigureAwait(false);
        }

        var failedChecks = gate.Blocking.Count == 0 ? "" : $"; failed readiness checks: {string.Join(", ", gate.Blocking.Select(f => f.Id))}";
        return $"{findings.Count} problem(s) overridden by {Run.RequestedBy}: {Run.OverrideReason}{failedChecks}{(mappingChecked is null ? "" : $"; mapping: {mappingChecked}")}";
    }

    /// <summary>
    /// The plan's re-IP, read from the source while its VMs still run there (their own initialization and their guest agents'
    /// reports): each VM's rows are kept for its start. A VM without cloud-init on a rule's network is a problem that stops the
    /// run; one whose address nobody knows is a warning. Without the source, each VM is read at the target as it starts.
    /// </summary>
    private async Task<IEnumerable<string>> PlanReIpAsync(CancellationToken ct)
    {
        if (await ProbeAsync(Source, ct).ConfigureAwait(false) is { } unreachable)
        {
            await Context.LogAsync(RunLogLevel.Info, $"Re-IP: {Source} does not answer ({unreachable}); each VM's address is read from its own initialization at {Target} as it starts.", ct).ConfigureAwait(false);
            return [];
        }

        var domains = Plan.Domains.Select(d => d.SourceName).ToHashSet(StringComparer.Ordinal);
        // Only the VMs the run will start: running at the source and not skipped by the plan. A Windows VM left down is no reason to stop.
        var inScope = Inventory.Current.Find(Source)?.Inventory.Vms
            .Where(v => v.IsRunning && v.StorageDomainNames.Any(domains.Contains) && Plan.RunPlan?.Definition.FindVm(v.Name)?.Skip != true)
            .Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var client = await Clients.GetClientAsync(Source, ct).ConfigureAwait(false);
        var guests = await Calls.ReadAsync($"VMs and their guest agents' reports at {Source}", c => Plans.ReIpGuest.ReadAsync(client, null, c), ct).ConfigureAwait(false);
        var rows = Scope.ReIp.Plan(guests.Where(g => inScope?.Contains(g.VmName) ?? true));
        var applied = rows.Count(r => r.Applies);
        await Context.LogAsync(RunLogLevel.Info,
            $"Re-IP ({(Scope.ReIp.Direction == Plans.ReIpDirection.ToPrimary ? "back to the primary addresses" : "to the recovery subnets")}): {applied} guest interface(s) of {rows.Where(r => r.Applies).Select(r => r.Vm).Distinct(StringComparer.Ordinal).Count()} VM(s) get a new address as they start.", ct).ConfigureAwait(false);
        foreach (var row in rows.Where(r => r.Finding is not null && !IsWindows(r)))
        {
            await Context.LogAsync(RunLogLevel.Warning, $"Re-IP: {row.Finding}", ct).ConfigureAwait(false);
        }

        return rows.Where(IsWindows).Select(r => $"Re-IP: {r.Finding}").Distinct(StringComparer.Ordinal);

        static bool IsWindows(Plans.ReIpRow row) => row.NoCloudInit;
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
            result = await Scope.Mappings!.ValidateWithLostSideAsync(Plan.Mapping!, Plan.SourceSide, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ([$"The DR mapping could not be checked ({ex.Message}); check it on the Mapping page."], null);
        }

        var problems = result.Findings.Where(f => f.IsError)
            .Select(f => $"Mapping {(f.Key.Length == 0 ? "(file)" : f.Key)}: {f.Message} {f.Fix}".TrimEnd())
            .ToList();
        var warnings = result.Findings.Count(f => f.Severity == MappingSeverity.Warning);
        var version = Plan.MappingVersion is { } v ? $"version {v}" : "the active version";
        var text = $"{version} checked: {string.Join("; ", result.EngineChecks.Select(c => c.Summary))}; {problems.Count} error(s), {warnings} warning(s)";
        var notChecked = result.LostSide is { CheckedAgainstLastInventory: false };
        await Context.LogAsync(notChecked ? RunLogLevel.Warning : RunLogLevel.Info,
            $"Mapping {text}.{(notChecked ? $" The {Source} side could not be checked; that does not block a disaster run." : "")}", ct).ConfigureAwait(false);
        return (problems, text);
    }
}
