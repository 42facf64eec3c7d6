namespace RhvDr.Core.Incidents;

/// <summary>What "Start these VMs" did: the VMs the engines accepted a start for, and those they refused, with the reason.</summary>
/// <param name="Message">Set when nothing could be tried, in words (the console no longer follows the incident's VMs).</param>
public sealed record StillDownStartResult(
    long IncidentId,
    IReadOnlyList<string> Started,
    IReadOnlyList<StillDownStartFailure> Failed,
    string? Message = null);
