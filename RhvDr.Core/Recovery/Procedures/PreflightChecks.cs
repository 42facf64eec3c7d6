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
