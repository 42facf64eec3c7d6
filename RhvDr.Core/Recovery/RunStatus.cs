namespace RhvDr.Core.Recovery;

/// <summary>A run's life: waiting means it needs an operator (a manual prompt or a pause); interrupted means the console stopped under it.</summary>
public enum RunStatus
{
    Pending,
    Running,
    Waiting,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}
