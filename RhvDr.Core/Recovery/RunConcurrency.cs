using RhvDr.Core.Plans;

namespace RhvDr.Core.Recovery;

/// <summary>
/// What may run at once between two sites: runs of recovery plans whose storage domains are disjoint. A run of the whole
/// estate, a second run of the same plan, and a plan that shares a domain with an active one wait their turn. Pure: the
/// runner asks it under its gate, with the active runs and the plans' domains read there.
/// </summary>
public static class RunConcurrency
{
    /// <summary>Whether <paramref name="plan"/> names one recovery plan ("all", or none, is the whole estate).</summary>
    public static bool IsPlan(string? plan) =>
        !string.IsNullOrWhiteSpace(plan) && !string.Equals(plan.Trim(), ProtectionGroup.All, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the run recovers one recovery plan rather than the whole estate.</summary>
    public static bool IsPlanRun(RecoveryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return IsPlan(run.Plan);
    }

    /// <summary>Whether both name the same recovery plan (as plans are looked up: case does not matter).</summary>
    public static bool SamePlan(string? a, string? b) =>
        IsPlan(a) && IsPlan(b) && string.Equals(a!.Trim(), b!.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two domain sets share a domain; null (every domain) overlaps everything.</summary>
    public static bool Overlaps(IReadOnlySet<string>? a, IReadOnlySet<string>? b) => a is null || b is null || a.Overlaps(b);

    /// <summary>
    /// The active run that keeps a run of <paramref name="plan"/> (null: the whole estate) from running beside
    /// <paramref name="active"/> (the other active runs of the site pair), and why; null when it may run at once.
    /// </summary>
    public static RunOverlap? FindOverlap(string? plan, IReadOnlyList<RecoveryRun> active, PlanDomains domains)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(domains);
        if (active.Count == 0)
        {
            return null;
        }

        if (active.FirstOrDefault(r => !IsPlanRun(r)) is { } estate)
        {
            return new RunOverlap(estate, RunOverlapKind.WholeEstate, []);
        }

        if (active.FirstOrDefault(r => SamePlan(r.Plan, plan)) is { } same)
        {
            return new RunOverlap(same, RunOverlapKind.SamePlan, []);
        }

        if (!IsPlan(plan))
        {
            return new RunOverlap(active[0], RunOverlapKind.WholeEstate, []);
        }

        var mine = domains.Of(plan);
        foreach (var run in active)
        {
            var theirs = domains.Of(run.Plan);
            if (Overlaps(mine, theirs))
            {
                IReadOnlyList<string> shared = mine is null || theirs is null ? [] : [.. mine.Intersect(theirs, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                return new RunOverlap(run, RunOverlapKind.SharedDomains, shared);
            }
        }

        return null;
    }

    /// <summary>Why a start of <paramref name="plan"/> is refused beside an active plan run it shares domains with.</summary>
    public static string StartRefusal(string plan, RunOverlap overlap)
    {
        ArgumentNullException.ThrowIfNull(overlap);
        var active = overlap.Active;
        return $"Plan '{plan}' cannot start while run {active.Id} ({Text(active.Kind)} of plan '{active.Plan}', {Words(active.Status)}) is active between {active.SourceSite} and {active.TargetSite}: {Shared(overlap, plan)}. "
            + $"Two plans run at once only when their storage domains are disjoint: start it again when run {active.Id} has ended.";
    }

    /// <summary>Why <paramref name="run"/> may not go on (<paramref name="doing"/>: "resuming", "approving") beside the active run in the way.</summary>
    public static string ContinueRefusal(RecoveryRun run, RunOverlap overlap, string doing)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(overlap);
        var active = overlap.Active;
        return overlap.Kind == RunOverlapKind.SharedDomains
            ? $"Run {active.Id} ({Text(active.Kind)} of plan '{active.Plan}') is active between the same sites: {Shared(overlap, run.Plan!)}; finish or cancel it before {doing} {run.Id}."
            : $"Run {active.Id} is active between the same sites; finish or cancel it before {doing} {run.Id}.";
    }

    private static string Shared(RunOverlap overlap, string plan) => overlap.Domains.Count > 0
        ? $"plans '{overlap.Active.Plan}' and '{plan}' both recover storage domain{(overlap.Domains.Count == 1 ? "" : "s")} {string.Join(", ", overlap.Domains)}"
        : $"plan '{overlap.Active.Plan}' or '{plan}' recovers every mapped storage domain (protection group 'all'), or is no longer in the active plans version";

    private static string Text(RunKind kind) => kind.ToString().ToLowerInvariant();

    private static string Words(RunStatus status) => status == RunStatus.AwaitingApproval ? "awaiting approval" : status.ToString().ToLowerInvariant();
}
