using RhvDr.Core.Drills;
using RhvDr.Core.Plans;
using RhvDr.Core.Readiness;
using RhvDr.Core.Readiness.Checks;

namespace RhvDr.Tests.Drills;

/// <summary>When a plan's drill is due (cron in its time zone), and when its last drill counts as stale for readiness.</summary>
public sealed class DrillScheduleTests
{
    private static DrillCalendar Calendar(string cron, string? zone = null) =>
        DrillCalendar.TryCreate(new DrillSchedule { Cron = cron, TimeZone = zone }, out var error) ?? throw new InvalidOperationException(error);

    [Fact]
    public void Next_BerlinWallClock_FollowsWinterAndSummerTime()
    {
        var calendar = Calendar("30 4 * * *", "Europe/Berlin");

        // 04:30 in Berlin is 03:30 UTC in winter (CET, +1) and 02:30 UTC in summer (CEST, +2).
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 3, 30, 0, TimeSpan.Zero), calendar.Next(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 7, 10, 2, 30, 0, TimeSpan.Zero), calendar.Next(new DateTimeOffset(2026, 7, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Next_TimeSkippedBySpringForward_RunsOnceAtTheFirstValidInstant()
    {
        // 29 March 2026: Berlin jumps from 02:00 to 03:00, so 02:30 does not exist that night.
        var calendar = Calendar("30 2 * * *", "Europe/Berlin");

        var next = calendar.Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Next_NoTimeZone_IsUtc()
    {
        var next = Calendar("0 3 * * 6").Next(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero));

        // 5 December 2026 is a Saturday: strictly after 03:00 is the next Saturday.
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 3, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void LastDue_SeveralOccurrencesMissed_GivesOnlyTheNewest()
    {
        var calendar = Calendar("0 3 * * *", "UTC");

        var due = calendar.LastDue(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero), due);
        Assert.Null(calendar.LastDue(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("0 3 * * 6", 7 * 24)]
    [InlineData("0 3 * * *", 24)]
    [InlineData("*/15 * * * *", 0.25)]
    public void Interval_IsTheGapBetweenTheNextTwoOccurrences(string cron, double hours)
    {
        var interval = TestFailoverCheck.StalenessInterval(Calendar(cron, "Europe/Berlin"), new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromHours(hours), interval);
    }

    [Theory]
    [InlineData("61 3 * * *", null, "not a five-field cron expression")]
    [InlineData("0 3 * *", null, "not a five-field cron expression")]
    [InlineData("0 3 * * 6", "Mars/Olympus_Mons", "'Mars/Olympus_Mons' is not a time zone")]
    public void TryCreate_BadScheduleOrZone_SaysWhatIsWrong(string cron, string? zone, string expected)
    {
        var calendar = DrillCalendar.TryCreate(new DrillSchedule { Cron = cron, TimeZone = zone }, out var error);

        Assert.Null(calendar);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanResult_WeeklyDrill_PassesWithinTwoWeeks_WarnsAfter_FailsWhenTheLastFailed()
    {
        var now = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var calendar = Calendar("0 3 * * 6", "UTC");
        DrillRecord Drill(double daysAgo, DrillResult result) => new()
        {
            Id = 7, Plan = "apps", ScheduledAt = now.AddDays(-daysAgo), EndedAt = now.AddDays(-daysAgo), RequestedBy = DrillRunner.SchedulerName,
            Result = result, TestRunId = "run-1", Reason = result == DrillResult.Failed ? "test failover run-1 failed: import refused" : "ok",
        };

        var recent = TestFailoverCheck.PlanResult(new PlanDrillStatus("apps", calendar, null, Drill(13, DrillResult.Succeeded), null), now);
        var stale = TestFailoverCheck.PlanResult(new PlanDrillStatus("apps", calendar, null, Drill(15, DrillResult.Succeeded), null), now);
        var failed = TestFailoverCheck.PlanResult(new PlanDrillStatus("apps", calendar, null, Drill(1, DrillResult.Failed), null), now);
        var never = TestFailoverCheck.PlanResult(new PlanDrillStatus("apps", calendar, null, null, null), now);

        Assert.Equal(CheckStatus.Pass, recent.Status);
        Assert.Equal(CheckStatus.Warn, stale.Status);
        Assert.Contains("Plan 'apps': the last successful drill is 15 days old, more than twice the schedule's interval (7 days)", stale.Summary, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, failed.Status);
        Assert.Contains("Plan 'apps': the last drill failed (test failover run-1 failed: import refused)", failed.Summary, StringComparison.Ordinal);
        Assert.Contains("POST /api/plans/apps/drills", failed.Remediation, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warn, never.Status);
        Assert.Equal("Plan 'apps' has never been drilled.", never.Summary);
    }
}
