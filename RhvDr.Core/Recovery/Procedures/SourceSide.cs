using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>The steps on the domains of one site: record, shut down, update OVF stores, maintenance, detach and remove (and the same for test cleanup).</summary>
internal sealed class SourceSide(ProcedureScope scope) : ProcedurePart(scope)
{
    public async Task<string?> RecordVmsAsync(CancellationToken ct)
    {
        if (Context.Vms.Count > 0)
        {
            return $"{Context.Vms.Count(v => v.WasRunning)} running VMs recorded earlier";
        }

        var recorded = new List<VmOutcome>();
        var sourceLive = Planned && await ProbeAsync(Source, ct).ConfigureAwait(false) is null;
        if (Planned && (Run.Kind != RunKind.Test || sourceLive))
        {
            var client = await Clients.GetClientAsync(Source, ct).ConfigureAwait(false);
            var ids = await DomainIdsAsync(client, Source, ct).ConfigureAwait(false);
            var vms = await Calls.ReadAsync($"VMs at {Source}", c => client.GetVmsAsync(includeDisks: true, c), ct).ConfigureAwait(false);
            recorded.AddRange(vms.Where(v => v.Id is not null && OnDomains(v, ids)).Select(v => new VmOutcome
            {
                RunId = Run.Id,
                VmId = v.Id!,
                VmName = v.Name ?? v.Id!,
                WasRunning = v.StatusValue is not (null or VmStatus.Down),
                HighlyAvailable = v.HighAvailability?.Enabled ?? false,
                HaPriority = v.HighAvailability?.Priority ?? 0,
                NoAgentAtSource = v.StatusValue is not (null or VmStatus.Down) && string.IsNullOrWhiteSpace(v.Fqdn),
            }));
        }
        else
        {
            var snapshot = Inventory.Current.Find(Source);
            if (snapshot is null || snapshot.Inventory.CollectedAt == DateTimeOffset.MinValue)
            {
                throw new InvalidOperationException($"There is no inventory snapshot of {Source}: the console never read that engine, so it cannot know which VMs ran there. Start them by hand after the Context, or wait for a poll if the engine answers.");
            }

            var names = Plan.Domains.Select(d => d.SourceName).ToHashSet(StringComparer.Ordinal);
            recorded.AddRange(snapshot.Inventory.Vms.Where(v => v.StorageDomainNames.Any(names.Contains)).Select(v => new VmOutcome
            {
                RunId = Run.Id,
                VmId = v.Id,
                VmName = v.Name,
                WasRunning = v.IsRunning,
                HighlyAvailable = v.HighlyAvailable,
                HaPriority = v.HaPriority,
                NoAgentAtSource = v.IsRunning && v.GuestFqdn is null,
            }));
            await Context.LogAsync(RunLogLevel.Info, $"Running VMs of {Source} taken from the inventory read at {snapshot.Inventory.CollectedAt:u}.", ct).ConfigureAwait(false);
        }

        // Saved together: the run writes them in one round.
        await Task.WhenAll(recorded.Select(Context.SaveVmAsync)).ConfigureAwait(false);

        return $"{recorded.Count} VMs on the replicated domains, {recorded.Count(v => v.WasRunning)} running";
    }

    public async Task<string?> ShutdownSourceAsync(CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Source, ct).ConfigureAwait(false);
        var ids = await DomainIdsAsync(client, Source, ct).ConfigureAwait(false);
        var vms = (await Calls.ReadAsync($"VMs at {Source}", c => client.GetVmsAsync(includeDisks: true, c), ct).ConfigureAwait(false))
            .Where(v => v.Id is not null && OnDomains(v, ids) && v.StatusValue != VmStatus.Down).ToList();
        await ForEachAsync(vms.Where(v => v.StatusValue is VmStatus.Up or VmStatus.PoweringUp or VmStatus.Paused), async (vm, c) =>
        {
            await Calls.ActAsync($"shut down VM {vm.Name} at {Source}",
                async c2 => (await VmStatusAsync(client, vm.Id!, c2).ConfigureAwait(false)) is null or VmStatus.Down or VmStatus.PoweringDown,
                c2 => client.PostActionAsync($"vms/{vm.Id}/shutdown", new { }, Run.Id, c2), c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);

        var pending = vms.Select(v => v.Id!).ToList();
        try
        {
            await Calls.WaitAsync($"VMs at {Source} to shut down", async c => (pending = await NotDownAsync(client, pending, c).ConfigureAwait(false)).Count == 0, Options.ShutdownTimeout, ct).ConfigureAwait(false);
            return $"{vms.Count} VMs shut down";
        }
        catch (TimeoutException)
        {
            await Context.LogAsync(RunLogLevel.Warning, $"{pending.Count} VMs did not shut down within {Options.ShutdownTimeout}; powering them off.", ct).ConfigureAwait(false);
        }

        await ForEachAsync(pending, async (id, c) =>
        {
            await Calls.ActAsync($"power off VM {id} at {Source}",
                async c2 => (await VmStatusAsync(client, id, c2).ConfigureAwait(false)) is null or VmStatus.Down,
                c2 => client.PostActionAsync($"vms/{id}/stop", new { }, Run.Id, c2), c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        await Calls.WaitAsync($"VMs at {Source} to power off", async c => (await NotDownAsync(client, pending, c).ConfigureAwait(false)).Count == 0, Options.StorageTimeout, ct).ConfigureAwait(false);
        return $"{vms.Count - pending.Count} VMs shut down, {pending.Count} powered off after the timeout";
    }

    public async Task<string?> UpdateOvfAsync(CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Source, ct).ConfigureAwait(false);
        var updated = 0;
        foreach (var domain in Plan.Domains)
        {
            var attached = await FindAttachedAsync(client, domain, Source, ct).ConfigureAwait(false);
            if (attached is not { Domain.StatusValue: StorageDomainStatus.Active })
            {
                continue;
            }

            // Not guarded by a state check: updating an OVF store twice is harmless.
            await Calls.ActAsync($"update the OVF store of {domain.SourceName}", _ => Task.FromResult(false),
                c => client.PostActionAsync($"storagedomains/{attached.Value.Domain.Id}/updateovfstore", new { }, Run.Id, c), ct).ConfigureAwait(false);
            await WaitJobsAsync(client, ct).ConfigureAwait(false);
            updated++;
        }

        return $"{updated} OVF stores updated";
    }

    public async Task<string?> DeactivateDomainsAsync(string site, CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(site, ct).ConfigureAwait(false);
        var count = 0;

        // The master last: the engine hands the master role to another active domain as each one leaves.
        foreach (var domain in Plan.Domains.OrderBy(d => d.IsMaster))
        {
            var attached = await FindAttachedAsync(client, domain, site, ct).ConfigureAwait(false);
            if (attached is not { } a)
            {
                continue;
            }

            await Calls.ActAsync($"maintenance of {a.Domain.Name} at {site}",
                async c => (await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false))?.Domain.StatusValue is null or StorageDomainStatus.Maintenance or StorageDomainStatus.PreparingForMaintenance,
                c => client.PostActionAsync($"datacenters/{a.DataCenterId}/storagedomains/{a.Domain.Id}/deactivate", new { force = "true" }, Run.Id, c), ct).ConfigureAwait(false);
            await Calls.WaitAsync($"{a.Domain.Name} at {site} to reach maintenance",
                async c => (await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false))?.Domain.StatusValue is null or StorageDomainStatus.Maintenance, Options.StorageTimeout, ct).ConfigureAwait(false);
            count++;
        }

        return $"{count} domains in maintenance at {site}";
    }

    public async Task<string?> RemoveDomainsAsync(string site, CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(site, ct).ConfigureAwait(false);
        var host = await UpHostAsync(client, site, ct).ConfigureAwait(false);
        var count = 0;
        foreach (var domain in Plan.Domains.OrderBy(d => d.IsMaster))
        {
            if (await FindAttachedAsync(client, domain, site, ct).ConfigureAwait(false) is { } a)
            {
                await Calls.ActAsync($"detach {a.Domain.Name} at {site}",
                    async c => await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false) is null,
                    c => client.DeleteAsync($"datacenters/{a.DataCenterId}/storagedomains/{a.Domain.Id}", Run.Id, c), ct).ConfigureAwait(false);
                await Calls.WaitAsync($"{a.Domain.Name} at {site} to be detached",
                    async c => await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false) is null, Options.StorageTimeout, ct).ConfigureAwait(false);
            }

            if (await FindDomainAsync(client, domain, site, ct).ConfigureAwait(false) is { } existing)
            {
                // Removed without format: the volume keeps the data the other site imports.
                await Calls.ActAsync($"remove {existing.Name} at {site}",
                    async c => await FindDomainAsync(client, domain, site, c).ConfigureAwait(false) is null,
                    c => client.DeleteAsync($"storagedomains/{existing.Id}?host={Uri.EscapeDataString(host)}", Run.Id, c), ct).ConfigureAwait(false);
                count++;
            }
        }

        return $"{count} domains detached and removed at {site} (not formatted)";
    }

    public async Task<string?> StopTestVmsAsync(CancellationToken ct)
    {
        var client = await Clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var ids = await DomainIdsAsync(client, Target, ct).ConfigureAwait(false);
        var vms = (await Calls.ReadAsync($"VMs at {Target}", c => client.GetVmsAsync(includeDisks: true, c), ct).ConfigureAwait(false))
            .Where(v => v.Id is not null && OnDomains(v, ids)).ToList();
        foreach (var vm in vms.Where(v => Context.FindVm(v.Id!) is null))
        {
            await Context.SaveVmAsync(new VmOutcome { RunId = Run.Id, VmId = vm.Id!, VmName = vm.Name ?? vm.Id!, WasRunning = vm.StatusValue != VmStatus.Down, Registered = true }).ConfigureAwait(false);
        }

        await ForEachAsync(vms.Where(v => v.StatusValue != VmStatus.Down), async (vm, c) =>
        {
            await Calls.ActAsync($"power off test VM {vm.Name}",
                async c2 => (await VmStatusAsync(client, vm.Id!, c2).ConfigureAwait(false)) is null or VmStatus.Down,
                c2 => client.PostActionAsync($"vms/{vm.Id}/stop", new { }, Run.Id, c2), c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        var pending = vms.Select(v => v.Id!).ToList();
        await Calls.WaitAsync($"test VMs at {Target} to power off", async c => (pending = await NotDownAsync(client, pending, c).ConfigureAwait(false)).Count == 0, Options.StorageTimeout, ct).ConfigureAwait(false);
        foreach (var vm in vms)
        {
            await Context.UpdateVmAsync(vm.Id!, o => o with { Up = false, Reason = "Powered off; removed with its test domain" }).ConfigureAwait(false);
        }

        return $"{vms.Count} test VMs powered off";
    }
}
