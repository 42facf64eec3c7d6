using System.Net;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery.Procedures;

/// <summary>The target side's storage in the pipeline: import (master first), attach behind the SPM, templates; and where VMs register.</summary>
internal sealed partial class TargetPipeline
{
    private OvirtDataCenter TargetDataCenter(IReadOnlyList<OvirtDataCenter> dataCenters)
    {
        var mapped = Plan.Mapping?.ImportStorages.Select(s => s.Side(Plan.TargetSide).DcName).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return dataCenters.FirstOrDefault(d => mapped is not null && d.Name == mapped)
            ?? dataCenters.FirstOrDefault(d => d.Status == "up")
            ?? dataCenters.FirstOrDefault()
            ?? throw new InvalidOperationException($"The {Target} engine has no data center to recover into.");
    }

    /// <summary>The cluster VMs and templates register into when the mapping names none: the first cluster of the target data center.</summary>
    private OvirtCluster TargetCluster(OvirtDataCenter dc, IReadOnlyList<OvirtCluster> clusters)
    {
        var mapped = Plan.Mapping?.Clusters.Select(c => c.Name(Plan.TargetSide)).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return clusters.FirstOrDefault(c => mapped is not null && c.Name == mapped)
            ?? clusters.FirstOrDefault(c => c.DataCenter?.Id == dc.Id)
            ?? throw new InvalidOperationException($"Data center {dc.Name} at {Target} has no cluster to register VMs into.");
    }

    private async Task<string> ImportDomainAsync(TargetPipelineState state, RecoveryDomain domain, CancellationToken ct)
    {
        var client = state.Client;
        var host = state.ImportHost!;
        if (FindDomain(state.StorageDomainsAtStart, domain, Target) is { Id: not null } existing)
        {
            if (existing.StatusValue is StorageDomainStatus.Locked)
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
            await Calls.ActAsync($"iSCSI login of {host.Name} to {endpoint.Target} at {endpoint.Address}", _ => Task.FromResult(false),
                c => client.PostActionAsync($"hosts/{host.Id}/iscsilogin", new { iscsi = new { address = endpoint.Address, port = endpoint.Port, target = endpoint.Target } }, Run.Id, c), ct).ConfigureAwait(false);
            body = new Dictionary<string, object?>(StringComparer.Ordinal)
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
            body = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = domain.TargetName,
                ["type"] = "data",
                ["host"] = new { name = host.Name },
                ["storage"] = new { type = domain.StorageType, address = endpoint.Address, path = endpoint.Path },
            };
        }

        // Not in the engine when the pipeline began, so the first attempt skips its check; a retry checks.
        OvirtStorageDomain? added = null;
        var acted = await Calls.ActAsync($"import {domain.TargetName} at {Target}",
            async c => await FindDomainAsync(client, domain, Target, c).ConfigureAwait(false) is not null,
            async c => added = await client.PostAsync<OvirtStorageDomain>("storagedomains", body, Run.Id, c).ConfigureAwait(false), ct, checkedNotDone: true).ConfigureAwait(false);
        if (acted)
        {
            Interlocked.Increment(ref state.ImportCount);
        }

        // The engine answers an import when it is done (status unattached); only an answer still locked, or none, is waited for.
        var id = added is { Id: not null, StatusValue: not (null or StorageDomainStatus.Locked) } ? added.Id : (await WaitImportedAsync(client, domain, ct).ConfigureAwait(false)).Id!;
        state.ImportedNow[id] = true;
        return id;
    }

    private async Task<OvirtStorageDomain> WaitImportedAsync(IEngineClient client, RecoveryDomain domain, CancellationToken ct)
    {
        OvirtStorageDomain? found = null;
        await Calls.WaitAsync($"{domain.TargetName} at {Target} to finish importing",
            async c => (found = await FindDomainAsync(client, domain, Target, c).ConfigureAwait(false)) is { Id: not null, StatusValue: not (null or StorageDomainStatus.Locked) },
            Options.StorageTimeout, ct).ConfigureAwait(false);
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

        // One read of the data center's attached domains per check; null while the domain is not attached.
        async Task<OvirtStorageDomain?> AttachedAsync(CancellationToken c) =>
            (await client.GetAttachedStorageDomainsAsync(dc.Id!, c).ConfigureAwait(false)).FirstOrDefault(d => d.Id == id);

        var attached = state.ImportedNow.ContainsKey(id) ? null : await Calls.ReadAsync($"{domain.TargetName} in {dc.Name}", AttachedAsync, ct).ConfigureAwait(false);
        attached ??= await AttachBehindSpmAsync(client, domain, dc, id, AttachedAsync, ct).ConfigureAwait(false);

        if (attached?.StatusValue == StorageDomainStatus.Active)
        {
            return;
        }

        await Calls.WaitAsync($"{domain.TargetName} to settle after attaching",
            async c => (attached = await AttachedAsync(c).ConfigureAwait(false))?.StatusValue
                is StorageDomainStatus.Active or StorageDomainStatus.Maintenance or StorageDomainStatus.Inactive or StorageDomainStatus.Unknown,
            Options.StorageTimeout, ct).ConfigureAwait(false);
        if (attached?.StatusValue == StorageDomainStatus.Active)
        {
            return;
        }

        await Calls.ActAsync($"activate {domain.TargetName} in {dc.Name}",
            async c => (await AttachedAsync(c).ConfigureAwait(false))?.StatusValue is StorageDomainStatus.Active or StorageDomainStatus.Activating,
            c => client.PostActionAsync($"datacenters/{dc.Id}/storagedomains/{id}/activate", new { }, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
        await Calls.WaitAsync($"{domain.TargetName} to become active",
            async c => (await AttachedAsync(c).ConfigureAwait(false))?.StatusValue == StorageDomainStatus.Active, Options.StorageTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Sends the attach; returns the domain as the engine answered (null when it answered nothing).</summary>
    private async Task<OvirtStorageDomain?> AttachBehindSpmAsync(
        IEngineClient client, RecoveryDomain domain, OvirtDataCenter dc, string id, Func<CancellationToken, Task<OvirtStorageDomain?>> attachedNow, CancellationToken ct)
    {
        var deadline = Time.GetUtcNow() + Options.StorageTimeout;
        for (var attempt = 1; ; attempt++)
        {
            OvirtStorageDomain? attached = null;
            try
            {
                await Calls.ActAsync($"attach {domain.TargetName} to {dc.Name}",
                    async c => await attachedNow(c).ConfigureAwait(false) is not null,
                    async c => attached = await client.PostAsync<OvirtStorageDomain>($"datacenters/{dc.Id}/storagedomains", new { id }, Run.Id, c).ConfigureAwait(false),
                    ct, checkedNotDone: attempt == 1).ConfigureAwait(false);
                return attached;
            }
            catch (OvirtFaultException fault) when (fault.StatusCode == HttpStatusCode.Conflict && IsBusy(fault) && Time.GetUtcNow() < deadline)
            {
                // An engine that refuses a storage operation while another holds the data center (rather than queueing it
                // behind the SPM) is asked again once the other is done.
                if (attempt == 1)
                {
                    await Context.LogAsync(RunLogLevel.Info, $"Attaching {domain.TargetName} waits for another storage operation in {dc.Name}: {fault.Message}", ct).ConfigureAwait(false);
                }

                await Task.Delay(Options.PollInterval, Time, ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsBusy(OvirtFaultException fault) =>
        fault.Message.Contains("in progress", StringComparison.OrdinalIgnoreCase) || fault.Message.Contains("locked", StringComparison.OrdinalIgnoreCase);

    private async Task RegisterTemplatesAsync(TargetPipelineState state, RecoveryDomain domain, int i, string id, CancellationToken ct)
    {
        var client = state.Client;
        var listed = (await Calls.ReadAsync($"unregistered templates of {domain.TargetName}",
            c => client.GetListAsync<OvirtTemplate>($"storagedomains/{id}/templates?unregistered=true", c), ct).ConfigureAwait(false))
            .Where(t => t.Id is not null).ToList();
        state.Templates.Listed(listed.Select(t => t.Id!));
        state.TemplatesListed[i].TrySetResult(true);
        await Task.WhenAll(listed.Select(async template =>
        {
            // Before any VM: a VM based on a template waits for it.
            await state.Registrations.WaitAsync(-1, ct).ConfigureAwait(false);
            try
            {
                // Just listed as unregistered: the first attempt skips its check.
                await Calls.ActAsync($"register template {template.Name}",
                    async c => (await client.GetTemplatesAsync(c).ConfigureAwait(false)).Any(t => t.Id == template.Id),
                    c => client.PostActionAsync($"storagedomains/{id}/templates/{template.Id}/register", state.RegistrationBody, Run.Id, c), ct, checkedNotDone: true).ConfigureAwait(false);
                Interlocked.Increment(ref state.TemplatesRegistered);
            }
            catch (OvirtFaultException ex)
            {
                Interlocked.Increment(ref state.TemplatesRefused);
                await Context.LogAsync(RunLogLevel.Warning, $"Template {template.Name} from {domain.TargetName} was not registered: {ex.Message}. VMs based on it register with the Blank template.", ct).ConfigureAwait(false);
            }
            finally
            {
                state.Registrations.Release();
                state.Templates.Resolved(template.Id!);
            }
        })).ConfigureAwait(false);
    }
}
