using System.Globalization;
using Microsoft.Extensions.Options;
using RhvDr.Core.Security;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Whether a run request may become a run, and the run it becomes: the kind fits the topology, the sites are the ones the
/// request names, a disaster names its lost site letter for letter, a cleanup follows a test, and four-eyes decides whether
/// it waits for a second operator. Which runs may run at once (<see cref="RunConcurrency"/>) is the runner's rule: it needs the
/// runner's gate.
/// </summary>
public sealed class RunAdmission(RecoveryPlanner planner, IOptions<SecurityOptions> security, TimeProvider time)
{
    /// <summary>The request's source and target sites; refuses a request that cannot run here, in words.</summary>
    public (string Source, string Target) Sites(RunRequest request, IReadOnlyList<RecoveryRun> recentRuns)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunKinds.Refusal(request.Kind, planner.Topology) is { } refusal)
        {
            throw new RunRequestException(refusal);
        }

        var (source, target) = RunKinds.IsStretch(request.Kind)
            ? planner.StretchSitesFor(request, recentRuns)
            : planner.SitesFor(request.Kind);
        planner.CheckNamedSites(request, source, target);

        // Typed exactly, as the wizard asks: a site declared lost is named letter for letter, never case-folded.
        if (request.Mode == RunMode.Disaster && !string.Equals(request.ConfirmSite?.Trim(), source, StringComparison.Ordinal))
        {
            throw new RunRequestException($"A disaster {Text(request.Kind)} declares site '{source}' lost: confirm it by sending confirmSite \"{source}\" exactly (case matters).");
        }

        if (request.Mode == RunMode.Disaster && request.Kind is RunKind.Test or RunKind.Cleanup)
        {
            throw new RunRequestException($"A {Text(request.Kind)} run is always planned: it leaves production at {source} untouched.");
        }

        return (source, target);
    }

    /// <summary>
    /// The name of the recovery plan the run recovers, as the active plans version spells it; null for the whole estate.
    /// Refuses an unknown plan (naming the known ones) and a plan for a kind that moves no storage (evacuate, return).
    /// </summary>
    public async Task<string?> PlanAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Plan))
        {
            return null;
        }

        if (RunKinds.IsStretch(request.Kind))
        {
            throw new RunRequestException($"A {Text(request.Kind)} run moves every VM of the site by live migration; it takes no recovery plan. Leave plan out.");
        }

        return (await planner.ResolvePlanAsync(request.Plan, cancellationToken).ConfigureAwait(false))?.Name;
    }

    /// <summary>
    /// A failback that names no plan returns what failovers between the sites moved and no failback brought back: the whole
    /// estate after a failover of the whole estate, else the one plan failed over on its own. With several plans failed over,
    /// it is refused, listing them: the operator names the one to fail back. "all" named explicitly returns the whole estate.
    /// </summary>
    public static string? FailbackPlan(RunRequest request, string? plan, string source, string target, IReadOnlyList<RecoveryRun> recentRuns)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recentRuns);
        if (request.Kind != RunKind.Failback || !string.IsNullOrWhiteSpace(request.Plan))
        {
            return plan;
        }

        var moves = recentRuns.Where(r => RecoveryRunner.SamePair(r, source, target) && r.Status == RunStatus.Succeeded && r.Kind is RunKind.Failover or RunKind.Failback).ToList();
        var estateAway = false;
        var plansAway = new List<RecoveryRun>();
        foreach (var move in Enumerable.Reverse(moves))
        {
            plansAway.RemoveAll(r => RunConcurrency.SamePlan(r.Plan, move.Plan) || !RunConcurrency.IsPlanRun(move));
            if (move.Kind == RunKind.Failover)
            {
                estateAway |= !RunConcurrency.IsPlanRun(move);
                if (RunConcurrency.IsPlanRun(move))
                {
                    plansAway.Add(move);
                }
            }
            else if (!RunConcurrency.IsPlanRun(move))
            {
                estateAway = false;
            }
        }

        if (!estateAway && plansAway.Count > 1)
        {
            throw new RunRequestException($"Plans {string.Join(", ", plansAway.Select(r => $"'{r.Plan}' (failover {r.Id})"))} were failed over to {source} on their own; "
                + $"a failback returns one plan: name it, e.g. \"plan\": \"{plansAway[^1].Plan}\".");
        }

        return estateAway ? null
            : plansAway.Count == 1 ? plansAway[0].Plan
            : moves.FirstOrDefault(r => r.Kind == RunKind.Failover)?.Plan;
    }

    /// <summary>
    /// A cleanup removes the domains at the target: only the test it follows may have put them there. Returns the plan the
    /// cleanup removes: the test's (a cleanup that names another plan is refused). The test of a plan is the newest run that
    /// shares a domain with the plan (runs of disjoint plans do not count); a cleanup that names no plan takes the one test
    /// not yet cleaned up, and is refused, listing them, when tests of several plans are.
    /// </summary>
    /// <param name="domains">The storage domains of the plans the runs name (<see cref="RecoveryPlanner.PlanDomainsAsync"/>).</param>
    public static string? CheckCleanup(RunRequest request, string? plan, string source, string target, IReadOnlyList<RecoveryRun> recentRuns, PlanDomains domains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recentRuns);
        ArgumentNullException.ThrowIfNull(domains);
        if (request.Kind != RunKind.Cleanup)
        {
            return plan;
        }

        // A cleanup that failed may be tried again; one that succeeded has removed the test, so a second finds none.
        var relevant = recentRuns.Where(r => RecoveryRunner.SamePair(r, source, target) && r.ShapesTarget).ToList();
        RecoveryRun? last;
        if (RunConcurrency.IsPlan(plan))
        {
            last = relevant.FirstOrDefault(r => Touches(r, plan, domains));
        }
        else
        {
            var open = OpenTests(relevant, domains);
            if (open.Count > 1)
            {
                throw new RunRequestException($"Test failovers of {open.Count} plans between {source} and {target} are not cleaned up: {string.Join(", ", open.Select(r => $"'{r.Plan}' (run {r.Id})"))}. "
                    + $"A cleanup removes one plan's copies: name it, e.g. \"plan\": \"{open[0].Plan}\".");
            }

            last = open.Count == 1 ? open[0] : relevant.FirstOrDefault();
        }

        var of = RunConcurrency.IsPlan(plan) ? $" of plan '{plan}'" : "";
        if (last?.Kind == RunKind.Cleanup)
        {
            throw new RunRequestException($"The last test failover{of} between {source} and {target} was already cleaned up by run {last.Id}; start a test before another cleanup.");
        }

        if (last?.Kind != RunKind.Test)
        {
            throw new RunRequestException(last is null
                ? $"There is no test failover{of} between {source} and {target} to clean up."
                : $"The last run{(of.Length == 0 ? "" : $" on the domains{of}")} between {source} and {target} was a {Text(last.Kind)} ({last.Id}), not a test: a cleanup would remove production domains at {target}.");
        }

        if (plan is not null && !string.Equals(plan, last.Plan, StringComparison.OrdinalIgnoreCase))
        {
            throw new RunRequestException(last.Plan is null
                ? $"The test failover {last.Id} recovered the whole estate; its cleanup removes all of it. Leave plan out."
                : $"The test failover {last.Id} recovered plan '{last.Plan}'; its cleanup removes that plan's copies. Leave plan out, or name '{last.Plan}'.");
        }

        return last.Plan;
    }

    /// <summary>Whether <paramref name="run"/> acted on a domain of <paramref name="plan"/> (a run of the whole estate acts on all).</summary>
    private static bool Touches(RecoveryRun run, string? plan, PlanDomains domains) =>
        RunConcurrency.SamePlan(run.Plan, plan) || RunConcurrency.Overlaps(domains.Of(run.Plan), domains.Of(plan));

    /// <summary>The tests no later run on any of their domains has followed (cleaned up, or overtaken by a failover), newest first.</summary>
    private static List<RecoveryRun> OpenTests(List<RecoveryRun> relevant, PlanDomains domains)
    {
        var open = new List<RecoveryRun>();
        for (var i = 0; i < relevant.Count; i++)
        {
            var test = relevant[i];
            if (test.Kind == RunKind.Test && !relevant.Take(i).Any(newer => Touches(newer, test.Plan, domains)))
            {
                open.Add(test);
            }
        }

        return open;
    }

    /// <summary>The run a request becomes: pending, or awaiting a second operator when four-eyes names its kind and mode.</summary>
    /// <param name="plan">The recovery plan the run recovers (<see cref="PlanAsync"/>); null for the whole estate.</param>
    public RecoveryRun NewRun(RunRequest request, string source, string target, string? plan = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var fourEyes = security.Value.FourEyes.RequiresApproval(request.Kind, request.Mode);
        var waived = fourEyes && !string.IsNullOrWhiteSpace(request.ApprovalWaivedBy);
        var needsApproval = fourEyes && !waived;
        return new RecoveryRun
        {
            Id = $"{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}",
            Kind = request.Kind,
            Mode = request.Mode,
            SourceSite = source,
            TargetSite = target,
            Plan = plan,
            RequestedBy = request.RequestedBy.Name,
            OverrideReason = string.IsNullOrWhiteSpace(request.OverrideReason) ? null : request.OverrideReason.Trim(),
            CreatedAt = now,
            Status = needsApproval ? RunStatus.AwaitingApproval : RunStatus.Pending,
            Prompt = needsApproval
                ? $"A {Text(request.Mode)} {Text(request.Kind)} needs a second operator's approval: an operator other than {request.RequestedBy.Name} approves it with a written reason, then it starts."
                : null,
            ApprovedBy = waived ? request.ApprovalWaivedBy : null,
            ApprovalReason = waived ? $"four-eyes for a {Text(request.Mode)} {Text(request.Kind)} is waived for drills by {request.ApprovalWaivedBy}" : null,
            ApprovedAt = waived ? now : null,
        };
    }

    private static string Text<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
