namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// Active/Active only: HA VMs have a storage lease (so a VM on an unreachable host can be restarted safely at the other site)
/// and an affinity label or group for soft site affinity (seen through the mapping inventory when available).
/// </summary>
public sealed class ActiveActiveHaCheck : IReadinessCheck
{
    public string Id => "ha-affinity";

    public string Title => "HA VMs with leases and site affinity (Active/Active)";

    public int Weight => 5;

    public async Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Options.ActiveActive)
        {
            return CheckResult.Pass("Not applicable: the sites are Active/Passive (RhvDr:Readiness:ActiveActive is false).");
        }
        if (context.Primary is not { } primary || primary.Inventory.CollectedAt == DateTimeOffset.MinValue)
        {
            return CheckResult.CannotRun("the engine has not been read", "Bring the engine back.", CheckSeverity.Warning);
        }

        var ha = primary.Inventory.Vms.Where(v => v.HighlyAvailable).ToList();
        var evidence = ha.Where(v => !v.HasLease).Select(v => $"{v.Name}: HA without a storage lease").ToList();
        var mapping = await context.GetMappingAsync(cancellationToken).ConfigureAwait(false);
        if (mapping.Primary is { } inventory)
        {
            var haNames = ha.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            evidence.AddRange(inventory.Vms
                .Where(v => haNames.Contains(v.Name) && v.AffinityGroups.Count == 0 && v.AffinityLabels.Count == 0)
                .Select(v => $"{v.Name}: HA without site affinity"));
        }

        if (evidence.Count == 0)
        {
            return CheckResult.Pass($"All {ha.Count} HA VMs have a lease{(mapping.Primary is null ? "" : " and site affinity")}.");
        }
        return CheckResult.Warn($"{evidence.Count} HA VM finding(s).", evidence,
            "Give each HA VM a VM lease on a replicated domain (Edit VM > High Availability) and a soft (non-enforcing) affinity to its home site.");
    }
}
