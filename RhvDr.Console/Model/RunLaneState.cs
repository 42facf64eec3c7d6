namespace RhvDr.Console.Model;

/// <summary>
/// Where a VM of a plan run's lane is: waiting for its group or its dependencies, starting, up, failed, or skipped (the plan
/// registers it without starting it: <c>skip: true</c>).
/// </summary>
public enum RunLaneState
{
    Waiting,
    Starting,
    Up,
    Failed,
    Skipped,
}
