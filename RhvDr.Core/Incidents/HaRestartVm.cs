namespace RhvDr.Core.Incidents;

/// <summary>One VM that ran at a lost site, and where it stands now.</summary>
/// <param name="LostSite">The site it ran at when that site was lost.</param>
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
    string Note,
    string? LostSite = null);
