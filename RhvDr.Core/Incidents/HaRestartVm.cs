namespace RhvDr.Core.Incidents;

/// <summary>One VM that ran at a lost site, and where it stands now.</summary>
public sealed record HaRestartVm(
    string Id,
    string Name,
    bool HighlyAvailable,
    int HaPriority,
    bool HasLease,
    string LostHost,
    HaRestartState State,
    string Status,
    string? CurrentHost,
    string? CurrentSite,
    string Note);
