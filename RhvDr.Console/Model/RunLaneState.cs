namespace RhvDr.Console.Model;

/// <summary>Where a VM of a plan run's lane is: waiting for its group or its dependencies, starting, up, or failed.</summary>
public enum RunLaneState
{
    Waiting,
    Starting,
    Up,
    Failed,
}
