namespace RhvDr.Core.Recovery;

public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
