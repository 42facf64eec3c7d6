namespace RhvDr.Core.Recovery;

/// <summary>
/// A run's life: awaiting approval means it needs a second operator before it starts; waiting means it needs an operator
/// (a manual prompt or a pause); interrupted means the console stopped under it.
/// </summary>
public enum RunStatus
{
    Pending,
    AwaitingApproval,
    Running,
    Waiting,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}
