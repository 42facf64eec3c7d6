namespace RhvDr.Core.Recovery;

public enum RunEventKind
{
    StepStarted,
    StepFinished,
    VmUpdated,
    Prompt,
    Log,
    Status,
}
