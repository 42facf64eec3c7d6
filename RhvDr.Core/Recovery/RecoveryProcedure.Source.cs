using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Recovery;

/// <summary>The source side: record, shut down, update OVF stores, maintenance, detach and remove (and the same for test cleanup).</summary>
public sealed partial class RecoveryProcedure
{
    private static readonly string[] DownStates = ["down"];

    private async Task<string?> RecordVmsAsync(CancellationToken ct)
    {
        if (run.Vms.Count > 0)
        {
            return $"{run.Vms.Count(v => v.WasRunning)} running VMs recorded earlier";
        }

        var recorded = new List<VmOutcome>();
        var sourceLive = Planned && await ProbeAsync(Source, ct).ConfigureAwait(false) is null;
        if (Planned && (Run.Kind != RunKind.Test || sourceLive))
        {
            var client = await clients.GetClientAsync(Source, ct).ConfigureAwait(false);
            var ids = await DomainIdsAsync(client, Source, ct).ConfigureAwait(false);
            var vms = await _calls.ReadAsync($"VMs at {Source}", c => client.GetVmsAsync(includeDisks: true, c), ct).ConfigureAwait(false);
            recorded.AddRange(vms.Where(v => v.Id is not null && OnDomains(v, ids)).Select(v => new VmOutcome
            {
                RunId = Run.Id,
                VmId = v.Id!,
                VmName = v.Name ?? v.Id!,
                WasRunning = v.Status is not null && !DownStates.Contains(v.Status),
                HighlyAvailable = v.HighAvailability?.Enabled ?? false,
                HaPriority = v.HighAvailability?.Priority ?? 0,
            }));
        }
        else
        {
            var snapshot = inventory.Current.Find(Source);
            if (snapshot is null || snapshot.Inventory.CollectedAt == DateTimeOffset.MinValue)
            {
                throw new InvalidOperationException($"There is no inventory snapshot of {Source}: the console never read that engine, so it cannot know which VMs ran there. Start them by hand after the run, or wait for a poll if the engine answers.");
            }

            var names = plan.Domains.Select(d => d.SourceName).ToHashSet(StringComparer.Ordinal);
            recorded.AddRange(snapshot.Inventory.Vms.Where(v => v.StorageDomainNames.Any(names.Contains)).Select(v => new VmOutcome
            {
                RunId = Run.Id,
                VmId = v.Id,
                VmName = v.Name,
                WasRunning = v.IsRunning,
                HighlyAvailable = v.HighlyAvailable,
                HaPriority = v.HaPriority,
            }));
            await run.LogAsync("info", $"Running VMs of {Source} taken from the inventory read at {snapshot.Inventory.CollectedAt:u}.", ct).ConfigureAwait(false);
        }

        // Saved together: the run writes them in one round.
        await Task.WhenAll(recorded.Select(run.SaveVmAsync)).ConfigureAwait(false);

        return $"{recorded.Count} VMs on the replicated domains, {recorded.Count(v => v.WasRunning)} running";
    }

    private async Task<string?> ShutdownSourceAsync(CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Source, ct).ConfigureAwait(false);
        var ids = await DomainIdsAsync(client, Source, ct).ConfigureAwait(false);
        var vms = (await _calls.ReadAsync($"VMs at {Source}", c => client.GetVmsAsync(includeDisks: true, c), ct).ConfigureAwait(false))
            .Where(v => v.Id is not null && OnDomains(v, ids) && v.Status != "down").ToList();
        await ForEachAsync(vms.Where(v => v.Status is "up" or "powering_up" or "paused"), async (vm, c) =>
        {
            await _calls.ActAsync($"shut down VM {vm.Name} at {Source}",
                async c2 => (await VmStatusAsync(client, vm.Id!, c2).ConfigureAwait(false)) is null or "down" or "powering_down",
                c2 => client.PostActionAsync($"vms/{vm.Id}/shutdown", new { }, Run.Id, c2), c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);

        var pending = vms.Select(v => v.Id!).ToList();
        try
        {
            await _calls.WaitAsync($"VMs at {Source} to shut down", async c => (pending = await NotDownAsync(client, pending, c).ConfigureAwait(false)).Count == 0, options.ShutdownTimeout, ct).ConfigureAwait(false);
            return $"{vms.Count} VMs shut down";
        }
        catch (TimeoutException)
        {
            await run.LogAsync("warning", $"{pending.Count} VMs did not shut down within {options.ShutdownTimeout}; powering them off.", ct).ConfigureAwait(false);
        }

        await ForEachAsync(pending, async (id, c) =>
        {
            await _calls.ActAsync($"power off VM {id} at {Source}",
                async c2 => (await VmStatusAsync(client, id, c2).ConfigureAwait(false)) is null or "down",
                c2 => client.PostActionAsync($"vms/{id}/stop", new { }, Run.Id, c2), c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        await _calls.WaitAsync($"VMs at {Source} to power off", async c => (await NotDownAsync(client, pending, c).ConfigureAwait(false)).Count == 0, options.StorageTimeout, ct).ConfigureAwait(false);
        return $"{vms.Count - pending.Count} VMs shut down, {pending.Count} powered off after the timeout";
    }

    private async Task<string?> UpdateOvfAsync(CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Source, ct).ConfigureAwait(false);
        var updated = 0;
        foreach (var domain in plan.Domains)
        {
            var attached = await FindAttachedAsync(client, domain, Source, ct).ConfigureAwait(false);
            if (attached is not { Domain.Status: "active" })
            {
                continue;
            }

            // Not guarded by a state check: updating an OVF store twice is harmless.
            await _calls.ActAsync($"update the OVF store of {domain.SourceName}", _ => Task.FromResult(false),
                c => client.PostActionAsync($"storagedomains/{attached.Value.Domain.Id}/updateovfstore", new { }, Run.Id, c), ct).ConfigureAwait(false);
            await WaitJobsAsync(client, ct).ConfigureAwait(false);
            updated++;
        }

        return $"{updated} OVF stores updated";
    }

    private async Task<string?> DeactivateDomainsAsync(string site, CancellationToken ct)
    {
        var client = await clients.GetClientAsync(site, ct).ConfigureAwait(false);
        var count = 0;

        // The master last: the engine hands the master role to another active domain as each one leaves.
        foreach (var domain in plan.Domains.OrderBy(d => d.IsMaster))
        {
            var attached = await FindAttachedAsync(client, domain, site, ct).ConfigureAwait(false);
            if (attached is not { } a)
            {
                continue;
            }

            await _calls.ActAsync($"maintenance of {a.Domain.Name} at {site}",
                async c => (await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false))?.Domain.Status is null or "maintenance" or "preparing_for_maintenance",
                c => client.PostActionAsync($"datacenters/{a.DataCenterId}/storagedomains/{a.Domain.Id}/deactivate", new { force = "true" }, Run.Id, c), ct).ConfigureAwait(false);
            await _calls.WaitAsync($"{a.Domain.Name} at {site} to reach maintenance",
                async c => (await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false))?.Domain.Status is null or "maintenance", options.StorageTimeout, ct).ConfigureAwait(false);
            count++;
        }

        return $"{count} domains in maintenance at {site}";
    }

    private async Task<string?> RemoveDomainsAsync(string site, CancellationToken ct)
    {
        var client = await clients.GetClientAsync(site, ct).ConfigureAwait(false);
        var host = await UpHostAsync(client, site, ct).ConfigureAwait(false);
        var count = 0;
        foreach (var domain in plan.Domains.OrderBy(d => d.IsMaster))
        {
            if (await FindAttachedAsync(client, domain, site, ct).ConfigureAwait(false) is { } a)
            {
                await _calls.ActAsync($"detach {a.Domain.Name} at {site}",
                    async c => await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false) is null,
                    c => client.DeleteAsync($"datacenters/{a.DataCenterId}/storagedomains/{a.Domain.Id}", Run.Id, c), ct).ConfigureAwait(false);
                await _calls.WaitAsync($"{a.Domain.Name} at {site} to be detached",
                    async c => await FindAttachedAsync(client, domain, site, c).ConfigureAwait(false) is null, options.StorageTimeout, ct).ConfigureAwait(false);
            }

            if (await FindDomainAsync(client, domain, site, ct).ConfigureAwait(false) is { } existing)
            {
                // Removed without format: the volume keeps the data the other site imports.
                await _calls.ActAsync($"remove {existing.Name} at {site}",
                    async c => await FindDomainAsync(client, domain, site, c).ConfigureAwait(false) is null,
                    c => client.DeleteAsync($"storagedomains/{existing.Id}?host={Uri.EscapeDataString(host)}", Run.Id, c), ct).ConfigureAwait(false);
                count++;
            }
        }

        return $"{count} domains detached and removed at {site} (not formatted)";
    }

    private async Task<string?> StopTestVmsAsync(CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var ids = await DomainIdsAsync(client, Target, ct).ConfigureAwait(false);
        var vms = (await _calls.ReadAsync($"VMs at {Target}", c => client.GetVmsAsync(includeDisks: true, c), ct).ConfigureAwait(false))
            .Where(v => v.Id is not null && OnDomains(v, ids)).ToList();
        foreach (var vm in vms.Where(v => run.FindVm(v.Id!) is null))
        {
            await run.SaveVmAsync(new VmOutcome { RunId = Run.Id, VmId = vm.Id!, VmName = vm.Name ?? vm.Id!, WasRunning = vm.Status != "down", Registered = true }).ConfigureAwait(false);
        }

        await ForEachAsync(vms.Where(v => v.Status != "down"), async (vm, c) =>
        {
            await _calls.ActAsync($"power off test VM {vm.Name}",
                async c2 => (await VmStatusAsync(client, vm.Id!, c2).ConfigureAwait(false)) is null or "down",
                c2 => client.PostActionAsync($"vms/{vm.Id}/stop", new { }, Run.Id, c2), c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        var pending = vms.Select(v => v.Id!).ToList();
        await _calls.WaitAsync($"test VMs at {Target} to power off", async c => (pending = await NotDownAsync(client, pending, c).ConfigureAwait(false)).Count == 0, options.StorageTimeout, ct).ConfigureAwait(false);
        foreach (var vm in vms)
        {
            await run.UpdateVmAsync(vm.Id!, o => o with { Up = false, Reason = "Powered off; removed with its test domain" }).ConfigureAwait(false);
        }

        return $"{vms.Count} test VMs powered off";
    }

    private string NameAt(RecoveryDomain domain, string site) => site == Source ? domain.SourceName : domain.TargetName;

    private async Task<OvirtStorageDomain?> FindDomainAsync(IEngineClient client, RecoveryDomain domain, string site, CancellationToken ct)
    {
        var all = await _calls.ReadAsync($"storage domains at {site}", client.GetStorageDomainsAsync, ct).ConfigureAwait(false);
        return all.FirstOrDefault(d => domain.Id is not null && d.Id == domain.Id) ?? all.FirstOrDefault(d => d.Name == NameAt(domain, site));
    }

    private async Task<(string DataCenterId, OvirtStorageDomain Domain)?> FindAttachedAsync(IEngineClient client, RecoveryDomain domain, string site, CancellationToken ct)
    {
        var found = await FindDomainAsync(client, domain, site, ct).ConfigureAwait(false);
        if (found?.Id is null)
        {
            return null;
        }

        var dataCenters = await _calls.ReadAsync($"data centers at {site}", client.GetDataCentersAsync, ct).ConfigureAwait(false);
        foreach (var dc in dataCenters.Where(d => d.Id is not null))
        {
            var attached = await _calls.ReadAsync($"domains of {dc.Name}", c => client.GetAttachedStorageDomainsAsync(dc.Id!, c), ct).ConfigureAwait(false);
            if (attached.FirstOrDefault(d => d.Id == found.Id) is { } a)
            {
                return (dc.Id!, a);
            }
        }

        return null;
    }

    private async Task<HashSet<string>> DomainIdsAsync(IEngineClient client, string site, CancellationToken ct)
    {
        var all = await _calls.ReadAsync($"storage domains at {site}", client.GetStorageDomainsAsync, ct).ConfigureAwait(false);
        return [.. plan.Domains.Select(d => all.FirstOrDefault(x => (d.Id is not null && x.Id == d.Id) || x.Name == NameAt(d, site))?.Id).OfType<string>()];
    }

    private static bool OnDomains(OvirtVm vm, HashSet<string> domainIds) =>
        vm.DiskAttachments?.Items.Any(a => a.Disk?.StorageDomains?.Items.Any(s => s.Id is not null && domainIds.Contains(s.Id)) == true) == true;

    private static async Task<string?> VmStatusAsync(IEngineClient client, string vmId, CancellationToken ct)
    {
        try
        {
            return (await client.GetAsync<OvirtVm>($"vms/{vmId}", ct).ConfigureAwait(false)).Status;
        }
        catch (OvirtFaultException fault) when (fault.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<List<string>> NotDownAsync(IEngineClient client, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var vms = await client.GetVmsAsync(false, ct).ConfigureAwait(false);
        var set = ids.ToHashSet(StringComparer.Ordinal);
        return [.. vms.Where(v => v.Id is not null && set.Contains(v.Id) && v.Status != "down").Select(v => v.Id!)];
    }

    private async Task<string> UpHostAsync(IEngineClient client, string site, CancellationToken ct)
    {
        var hosts = await _calls.ReadAsync($"hosts at {site}", client.GetHostsAsync, ct).ConfigureAwait(false);
        return hosts.FirstOrDefault(h => h.Status == "up")?.Name
            ?? throw new InvalidOperationException($"No host is up at {site}: storage operations need an up host. Activate a host there, then resume the run.");
    }

    private async Task WaitJobsAsync(IEngineClient client, CancellationToken ct) =>
        await _calls.WaitAsync("engine jobs of this run to finish",
            async c => (await client.GetJobsAsync(Run.Id, c).ConfigureAwait(false)).All(j => j.Status != "started"), options.StorageTimeout, ct).ConfigureAwait(false);

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelStarts, CancellationToken = ct }, async (item, c) => await body(item, c).ConfigureAwait(false));
}
