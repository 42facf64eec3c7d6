namespace RhvDr.Core.Drills;

/// <summary>
/// A plan with a drill schedule as readiness sees it: its calendar (null with <see cref="ScheduleError"/> when the schedule
/// does not parse), the newest drill that ran (succeeded or failed) and the newest drill of any result.
/// </summary>
public sealed record PlanDrillStatus(string Plan, DrillCalendar? Calendar, string? ScheduleError, DrillRecord? LastRun, DrillRecord? Latest);
