namespace RhvDr.Core.Recovery;

/// <summary>A line of a run's log; <paramref name="Level"/> is info, warning or error.</summary>
public sealed record RunLogEntry(string RunId, long Sequence, DateTimeOffset Time, RunLogLevel Level, string Message);
