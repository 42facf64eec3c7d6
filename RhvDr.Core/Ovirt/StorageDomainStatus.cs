namespace RhvDr.Core.Ovirt;

/// <summary>
/// A storage domain's state in a data center as the engine reports it (the API model's <c>StorageDomainStatus</c>). The
/// engine's own <c>unknown</c>, a missing status and any word this console does not know all read as <see cref="Unknown"/>.
/// <see cref="EngineStatusWords"/> turns the engine's words into these values and back.
/// </summary>
public enum StorageDomainStatus
{
    Unknown,
    Active,
    Inactive,
    Locked,
    Mixed,
    Unattached,
    Maintenance,
    PreparingForMaintenance,
    Detaching,
    Activating,
}
