using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Recovery;

/// <summary>The target side's storage: import (master first), attach, activate; and template registration.</summary>
public sealed partial class RecoveryProcedure
{
    private async Task<string?> ImportDomainsAsync(CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var hosts = await _calls.ReadAsync($"hosts at {Target}", client.GetHostsAsync, ct).ConfigureAwait(false);
        var host = hosts.FirstOrDefault(h => h.Status == "up")
            ?? throw new InvalidOperationException($"No host is up at {Target}: importing a storage domain needs one. Activate a host there, then resume the run.");
        var imported = 0;
        async Task ImportOneAsync(RecoveryDomain domain, CancellationToken token)
        {
            var endpoint = domain.Target
                ?? throw new InvalidOperationException($"Storage domain {domain.SourceName}: where its replica is presented at {Target} is not known; fill dr_import_storages in the DR mapping.");
            if (domain.IsBlock)
            {
                if (domain.Id is null)
                {
                    throw new InvalidOperationException($"Block storage domain {domain.SourceName} has no dr_domain_id in the DR mapping; the engine imports block domains by id.");
                }

                if (await FindDomainAsync(client, domain, Target, token).ConfigureAwait(false) is null)
                {
                    // Logging in twice is harmless: the engine keeps one session per portal.
                    await _calls.ActAsync($"iSCSI login of {host.Name} to {endpoint.Target} at {endpoint.Address}", _ => Task.FromResult(false),
                        c => client.PostActionAsync($"hosts/{host.Id}/iscsilogin", new { iscsi = new { address = endpoint.Address, port = endpoint.Port, target = endpoint.Target } }, Run.Id, c), token).ConfigureAwait(false);
                }

                var body = new Dictionary<string, object?>
                {
                    ["import"] = "true",
                    ["id"] = domain.Id,
                    ["name"] = domain.TargetName,
                    ["type"] = "data",
                    ["host"] = new { name = host.Name },
                    ["storage"] = new { type = domain.StorageType },
                };
                if (await ImportAsync(client, domain, body, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref imported);
                }
            }
            else
            {
                var body = new Dictionary<string, object?>
                {
                    ["name"] = domain.TargetName,
                    ["type"] = "data",
                    ["host"] = new { name = host.Name },
                    ["storage"] = new { type = domain.StorageType, address = endpoint.Address, path = endpoint.Path },
                };
                if (await ImportAsync(client, domain, body, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref imported);
                }
            }
        }

        // Adding a domain goes through a host, not the SPM: the engine imports domains side by side (attaching, which does
        // queue behind the SPM, is the next step). The master goes first, alone; the rest as many at a time as VMs start.
        foreach (var first in plan.Domains.Take(1))
        {
            await run.SafePointAsync().ConfigureAwait(false);
            await ImportOneAsync(first, ct).ConfigureAwait(false);
        }

        await run.SafePointAsync().ConfigureAwait(false);
        await ForEachAsync(plan.Domains.Skip(1), ImportOneAsync, ct).ConfigureAwait(false);

        return $"{imported} domains imported, {plan.Domains.Count - imported} were already there";
    }

    private async Task<bool> ImportAsync(IEngineClient client, RecoveryDomain domain, Dictionary<string, object?> body, CancellationToken ct)
    {
        var acted = await _calls.ActAsync($"import {domain.TargetName} at {Target}",
            async c => await FindDomainAsync(client, domain, Target, c).ConfigureAwait(false) is not null,
            c => client.PostAsync<OvirtStorageDomain>("storagedomains", body, Run.Id, c), ct).ConfigureAwait(false);
        await _calls.WaitAsync($"{domain.TargetName} at {Target} to finish importing",
            async c => (await FindDomainAsync(client, domain, Target, c).ConfigureAwait(false))?.Status is not (null or "locked"), options.StorageTimeout, ct).ConfigureAwait(false);
        return acted;
    }

    private async Task<string?> ActivateDomainsAsync(CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var dc = await TargetDataCenterAsync(client, ct).ConfigureAwait(false);
        foreach (var domain in plan.Domains)
        {
            await run.SafePointAsync().ConfigureAwait(false);
            var found = await FindDomainAsync(client, domain, Target, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Storage domain {domain.TargetName} is not in the {Target} engine; run the import step again (resume).");
            // One read of the data center's attached domains per check: the attaches queue behind the SPM one at a time,
            // so every call between two of them lengthens the whole chain.
            async Task<string?> StatusAsync(CancellationToken c) =>
                (await client.GetAttachedStorageDomainsAsync(dc.Id!, c).ConfigureAwait(false)).FirstOrDefault(d => d.Id == found.Id) is { } attached
                    ? attached.Status ?? ""
                    : null;

            await _calls.ActAsync($"attach {domain.TargetName} to {dc.Name}",
                async c => await StatusAsync(c).ConfigureAwait(false) is not null,
                c => client.PostAsync<OvirtStorageDomain>($"datacenters/{dc.Id}/storagedomains", new { id = found.Id }, Run.Id, c), ct).ConfigureAwait(false);
            await _calls.WaitAsync($"{domain.TargetName} to settle after attaching",
                async c => await StatusAsync(c).ConfigureAwait(false) is "active" or "maintenance" or "inactive" or "unknown", options.StorageTimeout, ct).ConfigureAwait(false);
            await _calls.ActAsync($"activate {domain.TargetName} in {dc.Name}",
                async c => await StatusAsync(c).ConfigureAwait(false) is "active" or "activating",
                c => client.PostActionAsync($"datacenters/{dc.Id}/storagedomains/{found.Id}/activate", new { }, Run.Id, c), ct).ConfigureAwait(false);
            await _calls.WaitAsync($"{domain.TargetName} to become active",
                async c => await StatusAsync(c).ConfigureAwait(false) == "active", options.StorageTimeout, ct).ConfigureAwait(false);
        }

        return $"{plan.Domains.Count} domains active in {dc.Name}";
    }

    private async Task<string?> RegisterTemplatesAsync(CancellationToken ct)
    {
        var client = await clients.GetClientAsync(Target, ct).ConfigureAwait(false);
        var cluster = await TargetClusterAsync(client, ct).ConfigureAwait(false);
        var registered = 0;
        var failed = 0;
        foreach (var domain in plan.Domains)
        {
            var id = (await FindDomainAsync(client, domain, Target, ct).ConfigureAwait(false))?.Id;
            if (id is null)
            {
                continue;
            }

            var templates = await _calls.ReadAsync($"unregistered templates of {domain.TargetName}",
                c => client.GetListAsync<OvirtTemplate>($"storagedomains/{id}/templates?unregistered=true", c), ct).ConfigureAwait(false);
            foreach (var template in templates.Where(t => t.Id is not null))
            {
                try
                {
                    await _calls.ActAsync($"register template {template.Name}",
                        async c => (await client.GetTemplatesAsync(c).ConfigureAwait(false)).Any(t => t.Id == template.Id),
                        c => client.PostActionAsync($"storagedomains/{id}/templates/{template.Id}/register", RegistrationBody(cluster, test: false, []), Run.Id, c), ct).ConfigureAwait(false);
                    registered++;
                }
                catch (OvirtFaultException ex)
                {
                    failed++;
                    await run.LogAsync("warning", $"Template {template.Name} from {domain.TargetName} was not registered: {ex.Message}. VMs based on it register with the Blank template.", ct).ConfigureAwait(false);
                }
            }
        }

        return $"{registered} templates registered{(failed > 0 ? $", {failed} refused (see log)" : "")}";
    }

    private async Task<OvirtDataCenter> TargetDataCenterAsync(IEngineClient client, CancellationToken ct)
    {
        var dataCenters = await _calls.ReadAsync($"data centers at {Target}", client.GetDataCentersAsync, ct).ConfigureAwait(false);
        var mapped = plan.Mapping?.ImportStorages.Select(s => s.Side(plan.TargetSide).DcName).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return dataCenters.FirstOrDefault(d => mapped is not null && d.Name == mapped)
            ?? dataCenters.FirstOrDefault(d => d.Status == "up")
            ?? dataCenters.FirstOrDefault()
            ?? throw new InvalidOperationException($"The {Target} engine has no data center to recover into.");
    }

    /// <summary>The cluster VMs and templates register into when the mapping names none: the first cluster of the target data center.</summary>
    private async Task<OvirtCluster> TargetClusterAsync(IEngineClient client, CancellationToken ct)
    {
        var dc = await TargetDataCenterAsync(client, ct).ConfigureAwait(false);
        var clusters = await _calls.ReadAsync($"clusters at {Target}", client.GetClustersAsync, ct).ConfigureAwait(false);
        var mapped = plan.Mapping?.Clusters.Select(c => c.Name(plan.TargetSide)).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return clusters.FirstOrDefault(c => mapped is not null && c.Name == mapped)
            ?? clusters.FirstOrDefault(c => c.DataCenter?.Id == dc.Id)
            ?? throw new InvalidOperationException($"Data center {dc.Name} at {Target} has no cluster to register VMs into.");
    }
}
