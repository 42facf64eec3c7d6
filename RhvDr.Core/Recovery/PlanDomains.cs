namespace RhvDr.Core.Recovery;

/// <summary>
/// The storage domains recovery plans recover, as their runs resolve them (<see cref="RecoveryPlanner.PlanDomainsAsync"/>):
/// primary-side names. Null stands for every domain: the whole estate, a plan with the group "all", or a plan the active
/// plans version no longer has.
/// </summary>
public sealed class PlanDomains
{
    private readonly Dictionary<string, IReadOnlySet<string>?> _byPlan;

    public PlanDomains(IEnumerable<KeyValuePair<string, IReadOnlySet<string>?>> byPlan)
    {
        ArgumentNullException.ThrowIfNull(byPlan);
        _byPlan = new Dictionary<string, IReadOnlySet<string>?>(byPlan, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// These domains, with the plans of <paramref name="held"/> holding the domains given there instead: a run under way
    /// holds what it resolved when it began, even when a later plans version changed its plan.
    /// </summary>
    public PlanDomains With(IEnumerable<KeyValuePair<string, IReadOnlySet<string>>> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var merged = new Dictionary<string, IReadOnlySet<string>?>(_byPlan, StringComparer.OrdinalIgnoreCase);
        foreach (var (plan, domains) in held)
        {
            merged[plan.Trim()] = domains;
        }

        return new PlanDomains(merged);
    }

    /// <summary>The domains of <paramref name="plan"/>; null for the whole estate and for a plan not resolved here.</summary>
    public IReadOnlySet<string>? Of(string? plan) =>
        RunConcurrency.IsPlan(plan) && _byPlan.TryGetValue(plan!.Trim(), out var domains) ? domains : null;
}
