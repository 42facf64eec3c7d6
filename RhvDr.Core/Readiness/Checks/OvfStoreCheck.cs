using System.Globalization;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// Every protected VM is in its domain's OVF store: a VM created or changed after the domain's last OVF update is not on
/// the replica's OVF store, so the recovery site cannot register it.
/// </summary>
public sealed class OvfStoreCheck : IReadinessCheck
{
    public string Id => "ovf-store";

    public string Title => "Protected VMs in the OVF store";

    public int Weight => 10;

    public Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Primary is not { } primary || primary.Inventory.CollectedAt == DateTimeOffset.MinValue)
        {
            return Task.FromResult(CheckResult.CannotRun("the primary engine has not been read", "Bring the primary engine back.", CheckSeverity.Warning));
        }

        var protectedDomains = context.ProtectedDomainNames;
        var ovfUpdates = primary.Inventory.StorageDomains
            .Where(d => protectedDomains.Contains(d.Name))
            .ToDictionary(d => d.Name, d => d.LastOvfUpdate, StringComparer.Ordinal);
        if (ovfUpdates.Count == 0)
        {
            return Task.FromResult(CheckResult.CannotRun("no replicated storage domain is known", "Check replication (see the replication finding).", CheckSeverity.Warning));
        }
        if (ovfUpdates.Values.All(v => v is null))
        {
            return Task.FromResult(CheckResult.CannotRun("the primary engine did not say when the OVF stores were last updated", "Update the OVF stores once (Storage > domain > Update OVFs) so the engine records it.", CheckSeverity.Warning));
        }

        var missing = new List<string>();
        var domainsToUpdate = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var vm in context.ProtectedVms)
        {
            var changed = vm.LastChangedAt ?? vm.CreatedAt;
            foreach (var domain in vm.StorageDomainNames.Where(protectedDomains.Contains))
            {
                var updated = ovfUpdates.GetValueOrDefault(domain);
                if (updated is null || (changed is not null && changed > updated))
                {
                    missing.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{vm.Name} on {domain}: created or changed {changed:yyyy-MM-dd HH:mm} UTC, OVF store last updated {(updated is null ? "never" : updated.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC"));
                    domainsToUpdate.Add(domain);
                    break;
                }
            }
        }

        if (missing.Count == 0)
        {
            return Task.FromResult(CheckResult.Pass($"All {context.ProtectedVms.Count} protected VMs are in their domains' OVF stores."));
        }
        return Task.FromResult(CheckResult.Fail(
            $"{missing.Count} protected VM(s) are not in the OVF store yet and would not be recovered.",
            missing,
            $"Update the OVF stores of {string.Join(", ", domainsToUpdate)} (Storage > Storage Domains > Update OVFs) or wait for the engine's next automatic update (OvfUpdateIntervalInMinutes, 60 by default).",
            CheckSeverity.Warning));
    }
}
