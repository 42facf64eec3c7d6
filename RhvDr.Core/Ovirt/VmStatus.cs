namespace RhvDr.Core.Ovirt;

/// <summary>
/// A VM's state as the engine reports it (the API model's <c>VmStatus</c>). The engine's own <c>unknown</c>, a missing
/// status and any word this console does not know all read as <see cref="Unknown"/>. <see cref="EngineStatusWords"/> turns
/// the engine's words into these values and back.
/// </summary>
public enum VmStatus
{
    Unknown,
    Unassigned,
    Down,
    Up,
    PoweringUp,
    Paused,
    Migrating,
    NotResponding,
    WaitForLaunch,
    RebootInProgress,
    SavingState,
    RestoringState,
    Suspended,
    ImageLocked,
    PoweringDown,
}
