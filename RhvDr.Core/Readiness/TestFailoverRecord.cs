namespace RhvDr.Core.Readiness;

/// <summary>The last test failover the run engine recorded.</summary>
public sealed record TestFailoverRecord(string RunId, DateTimeOffset FinishedAt, bool Succeeded, TimeSpan Duration, string? Summary);
