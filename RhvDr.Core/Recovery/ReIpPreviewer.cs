using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery;

/// <summary>
/// The re-IP a plan's failover would apply if started now: every VM of the plan's storage domains, read from the primary
/// engine with its own initialization and its guest agent's report, old → new address per network. Reads only.
/// </summary>
public sealed class ReIpPreviewer(RecoveryPlanner planner, IInventoryStore inventory, IEngineClientFactory clients)
{
    /// <summary>The rows of plan <paramref name="planName"/> (refused as a run would refuse an unknown plan); none without re-IP rules.</summary>
    public async Task<IReadOnlyList<ReIpRow>> PreviewAsync(string planName, RunKind kind, CancellationToken cancellationToken)
    {
        var plan = await planner.ResolvePlanAsync(planName, cancellationToken).ConfigureAwait(false);
        return plan is null ? [] : await PreviewAsync(plan, kind, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReIpRow>> PreviewAsync(RunPlan plan, RunKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Definition.ReIp.Count == 0 || kind == RunKind.Cleanup)
        {
            return [];
        }

        // The plan's domains are primary-side names; a failback reads the same VMs at the recovery site by name.
        var (source, _) = planner.SitesFor(kind);
        var (primary, _) = planner.SitesFor(RunKind.Failover);
        var domains = plan.StorageDomains;
        var names = inventory.Current.Find(primary)?.Inventory.Vms
            .Where(v => domains is null ? v.StorageDomainNames.Count > 0 : v.StorageDomainNames.Any(domains.Contains))
            .Select(v => v.Name)
            .ToHashSet(StringComparer.Ordinal);
        var client = await clients.GetClientAsync(source, cancellationToken).ConfigureAwait(false);
        var guests = await ReIpGuest.ReadAsync(client, null, cancellationToken).ConfigureAwait(false);
        return ReIpAddressing.Rows(plan.Definition, guests.Where(g => names?.Contains(g.VmName) ?? true),
            kind == RunKind.Failback ? ReIpDirection.ToPrimary : ReIpDirection.ToRecovery);
    }
}
