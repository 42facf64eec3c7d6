using System.Globalization;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;
using static RhvDr.Core.Recovery.RecoveryStepNames;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// Active/Active (DESIGN §6): planned evacuation of one site of the stretch cluster and the return to it. VMs are live-migrated
/// explicitly, in bounded waves, to hosts the run chooses at the other site (so each move shows in the run), then the emptied
/// hosts go to maintenance; the return activates them and migrates back the VMs whose affinity label prefers that site.
/// Every VM is read before it is moved: one already at the target is only recorded, so a resumed run never moves a VM twice.
/// </summary>
internal sealed class StretchProcedure(ProcedureScope scope) : ProcedurePart(scope), IRunProcedure
{
    private const long MiB = 1L << 20;

    private bool Evacuating => Run.Kind == RunKind.Evacuate;

    /// <summary>Read once by the executor when the run starts.</summary>
    public IReadOnlyList<RunStage> Stages =>
    [
        RunStage.Step(Preflight, "Preflight: mapping, engines, replication", 5, StretchPreflightAsync),
        .. Evacuating
            ? (RunStage[])
            [
                RunStage.Step(RecordVms, $"Record the VMs running at {Source}", 5, RecordStretchVmsAsync),
                RunStage.Step(MigrateVms, $"Live-migrate them to hosts at {Target}, in waves", 120, MigrateStretchVmsAsync),
                RunStage.Step(DeactivateHosts, $"Put the hosts of {Source} into maintenance", 30, DeactivateSourceHostsAsync),
            ]
            :
            [
                RunStage.Step(ActivateHosts, $"Activate the hosts of {Target}", 30, ActivateTargetHostsAsync),
                RunStage.Step(RecordVms, $"Record the VMs at {Source} whose affinity prefers {Target}", 5, RecordStretchVmsAsync),
                RunStage.Step(MigrateVms, $"Live-migrate them back to hosts at {Target}, in waves", 120, MigrateStretchVmsAsync),
            ],
    ];

    private StretchSiteMap Stretch => Plan.StretchSites
        ?? throw new InvalidOperationException(RunKinds.Refusal(Run.Kind, Configuration.DrTopology.ActivePassive));

    private async Task<string?> StretchPreflightAsync(CancellationToken ct)
    {
        _ = Stretch; // Throws the topology refusal when RhvDr:Topology is no longer ActiveActive (changed before a resume).
        if (await ProbeAsync(Target, ct).ConfigureAwait(false) is { } error)
        {
            throw new InvalidOperationException($"The stretch engine cannot be reached: {error}. Nothing can be migrated until it answers.");
        }

        var state = await ReadStretchAsync(ct).ConfigureAwait(false);
        var sourceHosts = HostsAt(state, Source);
        var targetHosts = HostsAt(state, Target);
        if (sourceHosts.Count == 0 || targetHosts.Count == 0)
        {
            throw new InvalidOperationException(
                $"The stretch engine shows {sourceHosts.Count} hosts at {Source} and {targetHosts.Count} at {Target}: check RhvDr:Sites:N:AffinityLabel / HostPattern, which tell each site's hosts apart.");
        }

        var findings = new List<string>();
        var moving = VmsToMove(state);
        long need = moving.Sum(v => v.MemoryBytes);
        long free;
        if (Evacuating)
        {
            if (targetHosts.All(h => h.State != HostStatus.Up))
            {
                throw new InvalidOperationException($"No host at {Target} is up: the VMs of {Source} have nowhere to go.");
            }

            findings.AddRange(targetHosts.Where(h => h.State != HostStatus.Up).Select(h => $"Host {h.Name} at {Target} is {h.Status}; the VMs of {Source} must fit on the others."));
            free = targetHosts.Where(h => h.State == HostStatus.Up).Sum(h => FreeMemory(state, h));
        }
        else
        {
            findings.AddRange(targetHosts.Where(h => h.State is not (HostStatus.Up or HostStatus.Maintenance)).Select(h => $"Host {h.Name} at {Target} is {h.Status} and cannot be activated; bring it back or return without it."));
            free = targetHosts.Where(h => h.State is HostStatus.Up or HostStatus.Maintenance).Sum(h => FreeMemory(state, h));
        }

        if (need > free)
        {
            findings.Add($"The {moving.Count} VMs to move need {need / MiB:N0} MB but the hosts at {Target} have {free / MiB:N0} MB free; the VMs that do not fit would stay at {Source} and be reported failed.");
        }

        var spm = state.Hosts.FirstOrDefault(h => h.IsSpm);
        var spmNote = Evacuating && spm is not null && sourceHosts.Contains(spm)
            ? $"; the SPM ({spm.Name}) is at {Source}: the engine hands the role to another host when it enters maintenance"
            : "";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{moving.Count} VMs ({need / MiB:N0} MB) to move {Source} → {Target}, {free / MiB:N0} MB free there{spmNote}");
        if (findings.Count == 0)
        {
            return detail;
        }

        if (string.IsNullOrWhiteSpace(Run.OverrideReason))
        {
            throw new InvalidOperationException($"Preflight found {findings.Count} problem(s): {string.Join(" | ", findings)} Fix them, or start the run again with an override reason.");
        }

        foreach (var finding in findings)
        {
            await Context.LogAsync(RunLogLevel.Warning, $"Overridden ({Run.OverrideReason}): {finding}", ct).ConfigureAwait(false);
        }

        return $"{detail}; {findings.Count} problem(s) overridden by {Run.RequestedBy}: {Run.OverrideReason}";
    }

    /// <summary>Evacuate: every VM running at the source. Return: the VMs at the source whose affinity label prefers the target.</summary>
    private async Task<string?> RecordStretchVmsAsync(CancellationToken ct)
    {
        var state = await ReadStretchAsync(ct).ConfigureAwait(false);
        var moving = VmsToMove(state);
        foreach (var vm in moving.Where(v => Context.FindVm(v.Id) is null))
        {
            await Context.SaveVmAsync(new VmOutcome
            {
                RunId = Run.Id,
                VmId = vm.Id,
                VmName = vm.Name,
                WasRunning = true,
                Registered = true,
                HighlyAvailable = vm.HighlyAvailable,
                HaPriority = vm.HaPriority,
            }).ConfigureAwait(false);
        }

        return Evacuating
            ? $"{moving.Count} VMs run at {Source}"
            : $"{moving.Count} VMs at {Source} prefer {Target}; {state.Vms.Count(v => v.IsRunning && Same(Stretch.PreferredSiteOf(v), Source) && Same(SiteOfVm(state, v), Target))} that prefer {Source} stay";
    }

    private async Task<string?> MigrateStretchVmsAsync(CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        // Failed VMs are tried again when the run is resumed (the operator fixed the cause); each VM is in one wave per execution.
        var ordered = Context.Vms.Where(v => v.WasRunning)
            .OrderByDescending(v => v.HighlyAvailable).ThenByDescending(v => v.HighlyAvailable ? v.HaPriority : 0).ThenBy(v => v.VmName, StringComparer.Ordinal)
            .ToList();
        var waves = ordered.Chunk(Options.MaxParallelStarts).ToList();
        for (var w = 0; w < waves.Count; w++)
        {
            foreach (var vm in waves[w].Where(v => v.Wave != w + 1))
            {
                await Context.UpdateVmAsync(vm.VmId, o => o with { Wave = w + 1 }).ConfigureAwait(false);
            }
        }

        var moved = 0;
        var already = 0;
        for (var w = 0; w < waves.Count; w++)
        {
            await Context.SafePointAsync().ConfigureAwait(false);
            var state = await ReadStretchAsync(ct).ConfigureAwait(false);
            var free = HostsAt(state, Target).Where(h => h.State == HostStatus.Up).ToDictionary(h => h.Id, h => FreeMemory(state, h), StringComparer.Ordinal);
            var vms = state.Vms.ToDictionary(v => v.Id, StringComparer.Ordinal);
            var assignments = new List<(string VmId, InventoryHost Host)>();
            var waiting = new List<string>();
            var waitingGate = new Lock();
            foreach (var outcome in waves[w].Where(v => Context.FindVm(v.VmId) is { Up: false }))
            {
                if (!vms.TryGetValue(outcome.VmId, out var vm))
                {
                    await FailVmAsync(outcome.VmId, "The VM no longer exists in the engine.", ct).ConfigureAwait(false);
                }
                else if (vm.State == VmStatus.Up && Same(SiteOfVm(state, vm), Target))
                {
                    // Already there: moved by an earlier attempt of this Context, by the engine, or by an operator.
                    already++;
                    await Context.UpdateVmAsync(vm.Id, o => o with { Up = true, UpAt = o.UpAt ?? Context.Now, Failed = false, Reason = null }).ConfigureAwait(false);
                }
                else if (vm.State == VmStatus.Migrating)
                {
                    waiting.Add(vm.Id);
                }
                else if (vm.State != VmStatus.Up)
                {
                    await FailVmAsync(vm.Id, $"The VM is {vm.Status} on {vm.HostName ?? "no host"}; only an up VM is live-migrated. Start or move it by hand.", ct).ConfigureAwait(false);
                }
                else if (free.Where(f => f.Value >= vm.MemoryBytes).OrderByDescending(f => f.Value).Select(f => f.Key).FirstOrDefault() is { } hostId)
                {
                    free[hostId] -= vm.MemoryBytes;
                    assignments.Add((vm.Id, state.Hosts.First(h => h.Id == hostId)));
                }
                else
                {
                    await FailVmAsync(vm.Id, $"No up host at {Target} has {vm.MemoryBytes / MiB:N0} MB free for it; it still runs on {vm.HostName} at {Source}.", ct).ConfigureAwait(false);
                }
            }

            await ForEachAsync(assignments, async (a, c) =>
            {
                var name = Context.FindVm(a.VmId)?.VmName ?? a.VmId;
                await Context.UpdateVmAsync(a.VmId, o => o with { Started = true, StartedAt = Context.Now }).ConfigureAwait(false);
                try
                {
                    await Calls.ActAsync($"migrate VM {name} to {a.Host.Name}",
                        async c2 => await GetVmAsync(client, a.VmId, c2).ConfigureAwait(false) is { } now && (now.StatusValue != VmStatus.Up || HostIsAt(state, now.Host?.Id, Target)),
                        c2 => client.PostActionAsync($"vms/{a.VmId}/migrate", new { host = new { id = a.Host.Id } }, Run.Id, c2), c).ConfigureAwait(false);
                    lock (waitingGate)
                    {
                        waiting.Add(a.VmId);
                    }
                }
                catch (EngineException ex)
                {
                    await FailVmAsync(a.VmId, $"Migration to {a.Host.Name} at {Target} was refused: {ex.Message}", c).ConfigureAwait(false);
                }
            }, ct).ConfigureAwait(false);

            try
            {
                await Calls.WaitAsync($"wave {w + 1} to arrive at {Target}", async c =>
                {
                    var now = (await client.GetVmsAsync(false, c).ConfigureAwait(false)).Where(v => v.Id is not null).ToDictionary(v => v.Id!, StringComparer.Ordinal);
                    foreach (var id in waiting.ToList())
                    {
                        var vm = now.GetValueOrDefault(id);
                        if (vm?.StatusValue == VmStatus.Up && HostIsAt(state, vm.Host?.Id, Target))
                        {
                            moved++;
                            await Context.UpdateVmAsync(id, o => o with { Up = true, UpAt = Context.Now, Failed = false, Reason = null }).ConfigureAwait(false);
                        }
                        else if (vm?.StatusValue is not (VmStatus.Up or VmStatus.Migrating))
                        {
                            await FailVmAsync(id, $"It became {vm?.Status ?? "missing"} while migrating; check its events in the engine.", c).ConfigureAwait(false);
                        }
                        else if (vm.StatusValue == VmStatus.Up)
                        {
                            await FailVmAsync(id, $"The migration did not complete: it still runs at {Source}; check its events in the engine.", c).ConfigureAwait(false);
                        }
                    }

                    waiting = [.. waiting.Where(id => Context.FindVm(id) is { Up: false, Failed: false })];
                    return waiting.Count == 0;
                }, Options.VmUpTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                foreach (var id in waiting)
                {
                    await FailVmAsync(id, $"Still migrating after {Options.VmUpTimeout}; check the migration in the engine.", ct).ConfigureAwait(false);
                }
            }
        }

        var wanted = Context.Vms.Where(v => v.WasRunning).ToList();
        return $"{wanted.Count(v => v.Up)} of {wanted.Count} VMs run at {Target} ({moved} live-migrated now, {already} were already there) in {waves.Count} waves; {wanted.Count(v => v.Failed)} failed";
    }

    /// <summary>Hosts of the source go to maintenance; the engine migrates whatever still runs there and moves the SPM role.</summary>
    private async Task<string?> DeactivateSourceHostsAsync(CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Source, ct).ConfigureAwait(false);
        var hosts = HostsAt(await ReadStretchAsync(ct).ConfigureAwait(false), Source);
        var skipped = hosts.Where(h => h.State is not (HostStatus.Up or HostStatus.NonOperational or HostStatus.PreparingForMaintenance or HostStatus.Maintenance)).ToList();
        foreach (var host in skipped)
        {
            await Context.LogAsync(RunLogLevel.Warning, $"Host {host.Name} is {host.Status}: it cannot be put into maintenance; check it at {Source}.", ct).ConfigureAwait(false);
        }

        var deactivating = hosts.Except(skipped).ToList();
        await ForEachAsync(deactivating, (h, c) => Calls.ActAsync($"put host {h.Name} into maintenance",
            async c2 => await HostStatusAsync(client, h.Id, c2).ConfigureAwait(false) is HostStatus.Maintenance or HostStatus.PreparingForMaintenance,
            c2 => client.PostActionAsync($"hosts/{h.Id}/deactivate", new { }, Run.Id, c2), c), ct).ConfigureAwait(false);

        var ids = deactivating.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        try
        {
            await Calls.WaitAsync($"the hosts of {Source} to reach maintenance", async c =>
                (await client.GetHostsAsync(c).ConfigureAwait(false)).Where(h => ids.Contains(h.Id ?? "")).All(h => h.StatusValue == HostStatus.Maintenance), Options.VmUpTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            var state = await ReadStretchAsync(ct).ConfigureAwait(false);
            var stuck = state.Hosts.Where(h => ids.Contains(h.Id) && h.State != HostStatus.Maintenance)
                .Select(h => $"{h.Name} ({h.Status}; VMs: {string.Join(", ", state.Vms.Where(v => v.HostName == h.Name && v.State != VmStatus.Down).Select(v => v.Name).DefaultIfEmpty("none"))})");
            throw new TimeoutException($"Hosts of {Source} did not reach maintenance within {Options.VmUpTimeout}: {string.Join("; ", stuck)}. Migrate or stop those VMs, then resume the run.", ex);
        }

        var spm = (await ReadStretchAsync(ct).ConfigureAwait(false)).Hosts.FirstOrDefault(h => h.IsSpm);
        return $"{deactivating.Count} hosts of {Source} in maintenance{(skipped.Count > 0 ? $", {skipped.Count} skipped ({string.Join(", ", skipped.Select(h => h.Name))})" : "")}; SPM: {(spm is null ? "none elected" : spm.Name)}";
    }

    private async Task<string?> ActivateTargetHostsAsync(CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var hosts = HostsAt(await ReadStretchAsync(ct).ConfigureAwait(false), Target);
        var activating = hosts.Where(h => h.State is HostStatus.Maintenance or HostStatus.PreparingForMaintenance).ToList();
        foreach (var host in hosts.Where(h => h.State is not (HostStatus.Up or HostStatus.Maintenance or HostStatus.PreparingForMaintenance or HostStatus.Connecting)))
        {
            await Context.LogAsync(RunLogLevel.Warning, $"Host {host.Name} is {host.Status} and is not activated; check it at {Target}.", ct).ConfigureAwait(false);
        }

        await ForEachAsync(activating, (h, c) => Calls.ActAsync($"activate host {h.Name}",
            async c2 => await HostStatusAsync(client, h.Id, c2).ConfigureAwait(false) is not (HostStatus.Maintenance or HostStatus.PreparingForMaintenance),
            c2 => client.PostActionAsync($"hosts/{h.Id}/activate", new { }, Run.Id, c2), c), ct).ConfigureAwait(false);
        var ids = activating.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        await Calls.WaitAsync($"the hosts of {Target} to come up", async c =>
            (await client.GetHostsAsync(c).ConfigureAwait(false)).Where(h => ids.Contains(h.Id ?? "")).All(h => h.StatusValue == HostStatus.Up), Options.VmUpTimeout, ct).ConfigureAwait(false);
        return $"{activating.Count} hosts activated, {hosts.Count(h => h.State == HostStatus.Up)} were up already";
    }

    public string Summary()
    {
        var wanted = Context.Vms.Where(v => v.WasRunning).ToList();
        return Evacuating
            ? $"{Source} evacuated: {wanted.Count(v => v.Up)} of {wanted.Count} VMs that ran there now run at {Target}, live-migrated without a restart; {wanted.Count(v => v.Failed)} failed"
            : $"Returned to {Target}: {wanted.Count(v => v.Up)} of {wanted.Count} VMs that prefer {Target} run there again; {wanted.Count(v => v.Failed)} failed";
    }

    /// <summary>Hosts, VMs and labels of the stretch engine, mapped as the inventory maps them (site labels, preferred sites).</summary>
    private async Task<SiteInventory> ReadStretchAsync(CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Source, ct).ConfigureAwait(false);
        return await Calls.ReadAsync("the stretch cluster's hosts and VMs", async c =>
        {
            var hosts = client.GetHostsAsync(c);
            var vms = client.GetVmsAsync(false, c);
            var labels = client.GetAffinityLabelsAsync(c);
            await Task.WhenAll(hosts, vms, labels).ConfigureAwait(false);
            return SiteInventoryCollector.Map(Context.Now, [], [], await hosts.ConfigureAwait(false), [], new Dictionary<string, IReadOnlyList<OvirtStorageDomain>>(StringComparer.Ordinal),
                await vms.ConfigureAwait(false), [], [], await labels.ConfigureAwait(false));
        }, ct).ConfigureAwait(false);
    }

    private List<InventoryVm> VmsToMove(SiteInventory state) =>
        [.. state.Vms.Where(v => v.State != VmStatus.Down && Same(SiteOfVm(state, v), Source) && (Evacuating || Same(Stretch.PreferredSiteOf(v), Target)))];

    private List<InventoryHost> HostsAt(SiteInventory state, string site) => [.. state.Hosts.Where(h => Same(Stretch.SiteOfHost(h), site))];

    private string? SiteOfVm(SiteInventory state, InventoryVm vm) =>
        state.Hosts.FirstOrDefault(h => h.Name == vm.HostName) is { } host ? Stretch.SiteOfHost(host) : null;

    private bool HostIsAt(SiteInventory state, string? hostId, string site) =>
        state.Hosts.FirstOrDefault(h => h.Id == hostId) is { } host && Same(Stretch.SiteOfHost(host), site);

    /// <summary>What a host can still take: its memory less what its VMs use (the engine's scheduler counts the same way).</summary>
    private static long FreeMemory(SiteInventory state, InventoryHost host) =>
        host.MemoryBytes - state.Vms.Where(v => v.HostName == host.Name && v.State != VmStatus.Down).Sum(v => v.MemoryBytes);

    private static async Task<OvirtVm?> GetVmAsync(IEngineClient client, string vmId, CancellationToken ct)
    {
        try
        {
            return await client.GetAsync<OvirtVm>($"vms/{vmId}", ct).ConfigureAwait(false);
        }
        catch (OvirtFaultException fault) when (fault.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<HostStatus?> HostStatusAsync(IEngineClient client, string hostId, CancellationToken ct) =>
        (await client.GetAsync<OvirtHost>($"hosts/{hostId}", ct).ConfigureAwait(false)).StatusValue;

    private static bool Same(string? x, string? y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
}
