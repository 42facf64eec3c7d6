using System.Globalization;
using Microsoft.Extensions.Options;
using RhvDr.Core.Security;

namespace RhvDr.Core.Recovery;

/// <summary>
/// Whether a run request may become a run, and the run it becomes: the kind fits the topology, the sites are the ones the
/// request names, a disaster names its lost site letter for letter, a cleanup follows a test, and four-eyes decides whether
/// it waits for a second operator. The one-run-per-site-pair rule is the runner's: it needs the runner's gate.
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
    /// A failback that names no plan returns what the last failover between the sites moved: that failover's plan (null
    /// when it moved the whole estate). "all" named explicitly returns the whole estate.
    /// </summary>
    public static string? FailbackPlan(RunRequest request, string? plan, string source, string target, IReadOnlyList<RecoveryRun> recentRuns)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recentRuns);
        if (request.Kind != RunKind.Failback || !string.IsNullOrWhiteSpace(request.Plan))
        {
            return plan;
        }

        return recentRuns.FirstOrDefault(r => RecoveryRunner.SamePair(r, source, target) && r.Kind == RunKind.Failover && r.Status == RunStatus.Succeeded)?.Plan;
    }

    /// <summary>
    /// A cleanup removes the domains at the target: only the test it follows may have put them there. Returns the plan the
    /// cleanup removes: the test's (a cleanup that names another plan is refused).
    /// </summary>
    public static string? CheckCleanup(RunRequest request, string? plan, string source, string target, IReadOnlyList<RecoveryRun> recentRuns)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recentRuns);
        if (request.Kind != RunKind.Cleanup)
        {
            return plan;
        }

        // A cleanup that failed may be tried again; one that succeeded has removed the test, so a second finds none.
        var last = recentRuns.FirstOrDefault(r => RecoveryRunner.SamePair(r, source, target) && r.ShapesTarget);
        if (last?.Kind == RunKind.Cleanup)
        {
            throw new RunRequestException($"The last test failover between {source} and {target} was already cleaned up by run {last.Id}; start a test before another cleanup.");
        }

        if (last?.Kind != RunKind.Test)
        {
            throw new RunRequestException(last is null
                ? $"There is no test failover between {source} and {target} to clean up."
                : $"The last run between {source} and {target} was a {Text(last.Kind)} ({last.Id}), not a test: a cleanup would remove production domains at {target}.");
        }

        if (plan is not null && !string.Equals(plan, last.Plan, StringComparison.OrdinalIgnoreCase))
        {
            throw new RunRequestException(last.Plan is null
                ? $"The test failover {last.Id} recovered the whole estate; its cleanup removes all of it. Leave plan out."
                : $"The test failover {last.Id} recovered plan '{last.Plan}'; its cleanup removes that plan's copies. Leave plan out, or name '{last.Plan}'.");
        }

        return last.Plan;
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
