using System.Globalization;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// Every protected VM is in its domain's OVF store, or the recovery site cannot register it from the replica. A VM certainly is
/// when it was last changed before the last OVF store update a user asked for on that domain (the engine logs those), or longer
/// ago than the engine's OVF update interval (<see cref="ReadinessOptions.OvfUpdateInterval"/>): a scheduled update has run since.
/// The engine records no time for its scheduled updates, so a VM changed more recently may or may not be in the store yet.
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
        var requestedUpdates = primary.Inventory.StorageDomains
            .Where(d => protectedDomains.Contains(d.Name))
            .ToDictionary(d => d.Name, d => d.LastRequestedOvfUpdate, StringComparer.Ordinal);
        if (requestedUpdates.Count == 0)
        {
            return Task.FromResult(CheckResult.CannotRun("no replicated storage domain is known", "Check replication (see the replication finding).", CheckSeverity.Warning));
        }

        var interval = context.Options.OvfUpdateInterval;
        var scheduledCutoff = context.Now - interval;
        var uncertain = new List<string>();
        var domainsToUpdate = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var vm in context.ProtectedVms)
        {
            var changed = vm.LastChangedAt ?? vm.CreatedAt;
            foreach (var domain in vm.StorageDomainNames.Where(requestedUpdates.ContainsKey))
            {
                var requested = requestedUpdates[domain];
                // An engine that gives no creation time leaves nothing to judge by.
                if (changed is null || changed <= scheduledCutoff || changed <= requested)
                {
                    continue;
                }

                uncertain.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{vm.Name} on {domain}: created or changed {changed:yyyy-MM-dd HH:mm} UTC, less than {ReadinessText.Duration(interval.TotalSeconds)} ago; last OVF update asked for: {(requested is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "none seen")}"));
                domainsToUpdate.Add(domain);
                break;
            }
        }

        if (uncertain.Count == 0)
        {
            return Task.FromResult(CheckResult.Pass(
                $"All {context.ProtectedVms.Count} protected VMs are in their domains' OVF stores (changed before the last OVF update asked for, or more than {ReadinessText.Duration(interval.TotalSeconds)} ago)."));
        }
        return Task.FromResult(CheckResult.Fail(
            $"{uncertain.Count} protected VM(s) may not be in the OVF store yet: the engine records no time for its scheduled OVF updates, so a VM changed in the last {ReadinessText.Duration(interval.TotalSeconds)} is certainly there only after an update asked for.",
            uncertain,
            $"Update the OVF stores of {string.Join(", ", domainsToUpdate)} (Storage > Storage Domains > Update OVFs), or wait {ReadinessText.Duration(interval.TotalSeconds)} for the engine's scheduled update (OvfUpdateIntervalInMinutes; RhvDr:Readiness:OvfUpdateInterval must match it). A VM missing from the store when the primary site is lost is not recovered.",
            CheckSeverity.Warning));
    }
}
