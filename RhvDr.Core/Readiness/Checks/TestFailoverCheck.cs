using System.Globalization;
using RhvDr.Core.Drills;

namespace RhvDr.Core.Readiness.Checks;

/// <summary>
/// A test failover succeeded recently: the only proof the whole chain works. For each plan with a drill schedule, its last
/// drill too: failing when that drill failed, warning when it is older than twice the schedule's interval or never ran.
/// </summary>
public sealed class TestFailoverCheck(DrillStatusReader? drills = null) : IReadinessCheck
{
    public string Id => "test-failover";

    public string Title => "Recent successful test failover";

    public int Weight => 5;

    public async Task<CheckResult> EvaluateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var estate = await EstateAsync(context, cancellationToken).ConfigureAwait(false);
        var plans = drills is null ? [] : await drills.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (plans.Count == 0)
        {
            return estate;
        }

        var results = plans.Select(p => PlanResult(p, context.Now)).ToList();
        var failed = results.Where(r => r.Status == CheckStatus.Fail).ToList();
        var warned = results.Where(r => r.Status == CheckStatus.Warn).ToList();
        var evidence = results.Select(r => r.Evidence).Concat(estate.Evidence).ToList();
        if (failed.Count > 0)
        {
            return CheckResult.Fail(string.Join(" ", failed.Select(r => r.Summary)), evidence, string.Join(" ", failed.Select(r => r.Remediation)), CheckSeverity.Warning);
        }

        if (warned.Count > 0)
        {
            return CheckResult.Warn(string.Join(" ", warned.Select(r => r.Summary)), evidence, string.Join(" ", warned.Select(r => r.Remediation)));
        }

        // Every drilled plan is fine; the estate-wide answer (the last test failover of any kind) still counts.
        return estate.Status == CheckStatus.Pass
            ? CheckResult.Pass($"{estate.Summary} {string.Join(" ", results.Select(r => r.Summary))}", evidence)
            : estate with { Evidence = evidence };
    }

    private static async Task<CheckResult> EstateAsync(ReadinessContext context, CancellationToken cancellationToken)
    {
        var last = await context.GetLastTestFailoverAsync(cancellationToken).ConfigureAwait(false);
        var maxAge = context.Options.TestFailoverMaxAgeDays;
        const string remediation = "Run a test failover (Runs > New > Test failover): it recovers copies of the replicas in an isolated network.";
        if (last is null)
        {
            return CheckResult.Warn("No test failover recorded.", [], remediation);
        }

        var age = context.Now - last.FinishedAt;
        var evidence = new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"Run {last.RunId} finished {last.FinishedAt:yyyy-MM-dd HH:mm} UTC ({age.TotalDays:0} days ago): {(last.Succeeded ? "succeeded" : "failed")}{(last.Summary is null ? "" : $", {last.Summary}")}"),
        };
        if (!last.Succeeded)
        {
            return CheckResult.Fail("The last test failover failed.", evidence, "Fix what the failed test run reported, then run a test failover again.", CheckSeverity.Warning);
        }
        if (age.TotalDays > maxAge)
        {
            return CheckResult.Warn(string.Create(CultureInfo.InvariantCulture, $"The last test failover is {age.TotalDays:0} days old (limit {maxAge})."), evidence, remediation);
        }
        return CheckResult.Pass(string.Create(CultureInfo.InvariantCulture, $"A test failover succeeded {age.TotalDays:0} days ago."), evidence);
    }

    /// <summary>One plan's drills: the status, a sentence naming the plan, one evidence line and what to do.</summary>
    public static (CheckStatus Status, string Summary, string Evidence, string Remediation) PlanResult(PlanDrillStatus plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var name = plan.Plan;
        var runNow = $"run a drill of plan '{name}' now (POST /api/plans/{name}/drills) or wait for its schedule";
        if (plan.Calendar is null)
        {
            return (CheckStatus.Warn, $"Plan '{name}': its drill schedule cannot be read ({plan.ScheduleError}).", $"Plan '{name}': no drills run",
                $"Fix the drill of plan '{name}' in rhvdr-plans.yml and save it.");
        }

        var interval = StalenessInterval(plan.Calendar, now);
        var latest = plan.Latest is { Result: DrillResult.Skipped } skipped ? $"; the newest drill ({Time(skipped.ScheduledAt)}) was skipped: {skipped.Reason}" : "";
        if (plan.LastRun is not { } last)
        {
            return (CheckStatus.Warn, $"Plan '{name}' has never been drilled.", $"Plan '{name}' ({plan.Calendar.Schedule.Cron}): no drill has run{latest}",
                $"For plan '{name}': {runNow}.");
        }

        var at = last.EndedAt ?? last.ScheduledAt;
        var age = now - at;
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"Plan '{name}' ({plan.Calendar.Schedule.Cron}): drill {last.Id} {(last.Result == DrillResult.Succeeded ? "succeeded" : "failed")} {Time(at)} ({Age(age)} ago), test run {last.TestRunId ?? "none"}{(last.VmsVerified is { } up ? $", {up} VMs up, {last.VmsFailed ?? 0} failed" : "")}{latest}");
        if (last.Result == DrillResult.Failed)
        {
            return (CheckStatus.Fail, $"Plan '{name}': the last drill failed ({last.Reason}).", evidence,
                $"For plan '{name}': fix what test run {last.TestRunId ?? "of the drill"} reported, clean up what it left, then {runNow}.");
        }

        if (interval is { } limit && age > 2 * limit)
        {
            return (CheckStatus.Warn, $"Plan '{name}': the last successful drill is {Age(age)} old, more than twice the schedule's interval ({Age(limit)}).", evidence,
                $"For plan '{name}': check why its drills were skipped (GET /api/plans/{name}/drills), then {runNow}.");
        }

        return (CheckStatus.Pass, $"Plan '{name}': its last drill succeeded {Age(age)} ago.", evidence, "");
    }

    /// <summary>How often <paramref name="calendar"/> drills, as seen from <paramref name="now"/>; the staleness limit is twice this.</summary>
    public static TimeSpan? StalenessInterval(DrillCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.Interval(now);
    }

    private static string Age(TimeSpan age) => age < TimeSpan.Zero ? "0 minutes"
        : age.TotalDays >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0} days")
        : age.TotalHours >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} minutes");

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
