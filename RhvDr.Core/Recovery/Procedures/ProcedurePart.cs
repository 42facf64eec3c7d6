using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>
/// A part of a run's procedure (one side's steps, the target pipeline, a whole stretch procedure): the scope it works in and
/// the reads every part makes of an engine's storage domains, VMs, hosts and jobs.
/// </summary>
internal abstract class ProcedurePart(ProcedureScope scope)
{
    protected ProcedureScope Scope => scope;

    protected RunContext Context => scope.Context;

    protected RecoveryPlan Plan => scope.Plan;

    protected IEngineClientFactory Clients => scope.Clients;

    protected EngineCalls Calls => scope.Calls;

    protected RecoveryOptions Options => scope.Options;

    protected Monitoring.IInventoryStore Inventory => scope.Inventory;

    protected TimeProvider Time => scope.Time;

    protected RecoveryRun Run => scope.Context.Run;

    protected bool Planned => Run.Mode == RunMode.Planned;

    protected string Source => scope.Plan.SourceSite;

    protected string Target => scope.Plan.TargetSite;

    /// <summary>
    /// Null when <paramref name="site"/>'s engine answers; otherwise why not, in words. An engine that answers with a
    /// transient error (503, 5xx, 408) is asked again, up to <see cref="RecoveryOptions.OperationAttempts"/> times within the
    /// probe's 30 s: one busy moment must not stop a run. An engine that cannot be reached at all is reported at once.
    /// </summary>
    protected async Task<string?> ProbeAsync(string site, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var client = await Clients.GetClientAsync(site, timeout.Token).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await client.GetApiAsync(timeout.Token).ConfigureAwait(false);
                    return null;
                }
                catch (OvirtFaultException fault) when (attempt < Options.OperationAttempts && EngineCalls.IsTransient(fault))
                {
                    await Task.Delay(TimeSpan.FromTicks(Math.Min(Options.PollInterval.Ticks, TimeSpan.FromSeconds(1).Ticks)), Time, timeout.Token).ConfigureAwait(false);
                }
            }
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

    protected string NameAt(RecoveryDomain domain, string site) => site == Source ? domain.SourceName : domain.TargetName;

    protected async Task<OvirtStorageDomain?> FindDomainAsync(IEngineClient client, RecoveryDomain domain, string site, CancellationToken ct)
    {
        var all = await Calls.ReadAsync($"storage domains at {site}", client.GetStorageDomainsAsync, ct).ConfigureAwait(false);
        return all.FirstOrDefault(d => domain.Id is not null && d.Id == domain.Id) ?? all.FirstOrDefault(d => d.Name == NameAt(domain, site));
    }

    protected async Task<(string DataCenterId, OvirtStorageDomain Domain)?> FindAttachedAsync(IEngineClient client, RecoveryDomain domain, string site, CancellationToken ct)
    {
        var found = await FindDomainAsync(client, domain, site, ct).ConfigureAwait(false);
        if (found?.Id is null)
        {
            return null;
        }

        var dataCenters = await Calls.ReadAsync($"data centers at {site}", client.GetDataCentersAsync, ct).ConfigureAwait(false);
        foreach (var dc in dataCenters.Where(d => d.Id is not null))
        {
            var attached = await Calls.ReadAsync($"domains of {dc.Name}", c => client.GetAttachedStorageDomainsAsync(dc.Id!, c), ct).ConfigureAwait(false);
            if (attached.FirstOrDefault(d => d.Id == found.Id) is { } a)
            {
                return (dc.Id!, a);
            }
        }

        return null;
    }

    protected async Task<HashSet<string>> DomainIdsAsync(IEngineClient client, string site, CancellationToken ct)
    {
        var all = await Calls.ReadAsync($"storage domains at {site}", client.GetStorageDomainsAsync, ct).ConfigureAwait(false);
        return [.. Plan.Domains.Select(d => all.FirstOrDefault(x => (d.Id is not null && x.Id == d.Id) || x.Name == NameAt(d, site))?.Id).OfType<string>()];
    }

    protected static bool OnDomains(OvirtVm vm, HashSet<string> domainIds) =>
        vm.DiskAttachments?.Items.Any(a => a.Disk?.StorageDomains?.Items.Any(s => s.Id is not null && domainIds.Contains(s.Id)) == true) == true;

    /// <summary>The VM's status now; null when the engine no longer knows the VM or sent no status.</summary>
    protected static async Task<VmStatus?> VmStatusAsync(IEngineClient client, string vmId, CancellationToken ct)
    {
        try
        {
            return (await client.GetAsync<OvirtVm>($"vms/{vmId}", ct).ConfigureAwait(false)).StatusValue;
        }
        catch (OvirtFaultException fault) when (fault.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected static async Task<List<string>> NotDownAsync(IEngineClient client, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var vms = await client.GetVmsAsync(false, ct).ConfigureAwait(false);
        var set = ids.ToHashSet(StringComparer.Ordinal);
        return [.. vms.Where(v => v.Id is not null && set.Contains(v.Id) && v.StatusValue != VmStatus.Down).Select(v => v.Id!)];
    }

    protected async Task<string> UpHostAsync(IEngineClient client, string site, CancellationToken ct)
    {
        var hosts = await Calls.ReadAsync($"hosts at {site}", client.GetHostsAsync, ct).ConfigureAwait(false);
        return hosts.FirstOrDefault(h => h.StatusValue == HostStatus.Up)?.Name
            ?? throw new InvalidOperationException($"No host is up at {site}: storage operations need an up host. Activate a host there, then resume the run.");
    }

    protected async Task WaitJobsAsync(IEngineClient client, CancellationToken ct) =>
        await Calls.WaitAsync("engine jobs of this run to finish",
            async c => (await client.GetJobsAsync(Run.Id, c).ConfigureAwait(false)).All(j => j.Status != "started"), Options.StorageTimeout, ct).ConfigureAwait(false);

    protected Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallelStarts, CancellationToken = ct }, async (item, c) => await body(item, c).ConfigureAwait(false));

    /// <summary>Records a VM as failed with why; stops the run when RhvDr:Recovery:AbortOnVmFailure is set.</summary>
    protected async Task FailVmAsync(string id, string reason, CancellationToken ct)
    {
        // A plan's run says per VM how far it got: one that failed is not verified either.
        var verification = Plan.RunPlan is null ? VmVerification.None : VmVerification.Failed;
        await Context.UpdateVmAsync(id, o => o with { Failed = true, Reason = reason, Verification = verification }).ConfigureAwait(false);
        await Context.LogAsync(RunLogLevel.Error, $"VM {Context.FindVm(id)?.VmName ?? id}: {reason}", ct).ConfigureAwait(false);
        if (Options.AbortOnVmFailure)
        {
            throw new InvalidOperationException($"VM {Context.FindVm(id)?.VmName ?? id} failed and RhvDr:Recovery:AbortOnVmFailure is set: {reason}");
        }
    }
}
