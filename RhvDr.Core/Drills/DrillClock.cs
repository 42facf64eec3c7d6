namespace RhvDr.Core.Drills;

/// <summary>
/// The clock drills are scheduled by: when an occurrence is due and when a kept test environment is cleaned up. Its own
/// service so that a test can move the schedule's time while the runs the drills start keep real time.
/// </summary>
public sealed class DrillClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
