namespace RhvDr.Console.Model;

/// <summary>Where a VM is in a run, for the run page's grid and its filter.</summary>
public enum RunVmState
{
    Pending,
    Registered,
    Starting,
    Up,
    Failed,
}
