namespace RhvDr.Core.Ovirt;

/// <summary>
/// A host's state as the engine reports it (the API model's <c>HostStatus</c>). A missing status and any word this console
/// does not know read as <see cref="Unknown"/>, shown as <c>unknown</c>. <see cref="EngineStatusWords"/> turns the engine's
/// words into these values and back.
/// </summary>
public enum HostStatus
{
    Unknown,
    Down,
    Error,
    Initializing,
    Installing,
    InstallFailed,
    Maintenance,
    NonOperational,
    NonResponsive,
    PendingApproval,
    PreparingForMaintenance,
    Connecting,
    Reboot,
    Unassigned,
    Up,
    InstallingOs,
    Kdumping,
}
