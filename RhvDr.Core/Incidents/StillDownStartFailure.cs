namespace RhvDr.Core.Incidents;

/// <summary>A VM whose start the engine refused or that could not be reached, and why.</summary>
public sealed record StillDownStartFailure(string Name, string Site, string Reason);
