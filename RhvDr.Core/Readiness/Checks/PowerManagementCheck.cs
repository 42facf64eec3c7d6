using RhvDr.Core.Sites;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// Hosts have power management: without it the engine cannot fence a failed host, so its HA VMs are not restarted
/// elsewhere until someone confirms the host was rebooted.
/// </summary>
public sealed class PowerManagementCheck : IReadinessCheck
{
    public string Id => "power-management";

    public string Title => "Power management on hosts";

    public int Weight => 5;

    public Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sites = context.Inventory.Sites.Where(s => s.Inventory.CollectedAt != DateTimeOffset.MinValue).ToList();
        if (sites.Count == 0)
        {
            return Task.FromResult(CheckResult.CannotRun("no engine has been read yet", "Bring the engines back.", CheckSeverity.Warning));
        }

        var missing = sites
            .SelectMany(s => s.Inventory.Hosts.Where(h => !h.PowerManagementEnabled).Select(h => $"{h.Name} ({SiteName.Of(s.Site)})"))
            .ToList();
        var hosts = sites.Sum(s => s.Inventory.Hosts.Count);
        if (missing.Count == 0)
        {
            return Task.FromResult(CheckResult.Pass($"All {hosts} hosts have power management."));
        }
        return Task.FromResult(CheckResult.Warn($"{missing.Count} of {hosts} hosts have no power management: their HA VMs wait for a manual fence.", missing,
            "Configure and enable power management (Hosts > Edit > Power Management) on the hosts listed."));
    }
}
