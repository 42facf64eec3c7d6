using Cronos;
using RhvDr.Core.Plans;

namespace RhvDr.Core.Drills;

/// <summary>
/// A plan's drill schedule made computable: the five-field cron expression in its time zone (UTC when absent). Occurrences
/// follow the zone's wall clock, daylight saving time included, as Cronos defines it (a time skipped in spring runs once
/// at the first valid instant after it; a time repeated in autumn runs once).
/// </summary>
public sealed class DrillCalendar
{
    private readonly CronExpression _cron;

    private DrillCalendar(CronExpression cron, TimeZoneInfo zone, DrillSchedule schedule)
    {
        _cron = cron;
        Zone = zone;
        Schedule = schedule;
    }

    public DrillSchedule Schedule { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The calendar of <paramref name="schedule"/>; null with <paramref name="error"/> in words when its cron expression or time zone does not parse.</summary>
    public static DrillCalendar? TryCreate(DrillSchedule schedule, out string? error)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(schedule.Cron, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            error = $"the drill schedule '{schedule.Cron}' is not a five-field cron expression ({ex.Message})";
            return null;
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(schedule.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZone.Trim(), out zone))
        {
            error = $"the drill time zone '{schedule.TimeZone}' is not a time zone this host knows";
            return null;
        }

        error = null;
        return new DrillCalendar(cron, zone!, schedule);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when the expression has none (e.g. 30 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _cron.GetNextOccurrence(after, Zone, inclusive: false)?.ToUniversalTime();

    /// <summary>The newest occurrence in (<paramref name="after"/>, <paramref name="upTo"/>]; null when there is none.</summary>
    public DateTimeOffset? LastDue(DateTimeOffset after, DateTimeOffset upTo)
    {
        DateTimeOffset? last = null;
        var from = after;
        // Bounded: a one-minute schedule over a week down is 10,080 steps; beyond that only the newest matters.
        for (var i = 0; i < 100_000 && Next(from) is { } next && next <= upTo; i++)
        {
            last = next;
            from = next;
        }

        return last;
    }

    /// <summary>
    /// How often the schedule drills, as seen from <paramref name="from"/>: the gap between its next two occurrences (a week
    /// for <c>0 3 * * 6</c>). Null when it has fewer than two more occurrences.
    /// </summary>
    public TimeSpan? Interval(DateTimeOffset from) =>
        Next(from) is { } first && Next(first) is { } second ? second - first : null;
}
