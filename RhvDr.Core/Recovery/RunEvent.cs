namespace RhvDr.Core.Recovery;

/// <summary>
/// One thing that happened in a run, numbered per run (<paramref name="Sequence"/> rises by one per event within a session,
/// and keeps rising across a resume). <paramref name="Payload"/> is the step, VM outcome, log entry or run it concerns.
/// </summary>
public sealed record RunEvent(string RunId, long Sequence, DateTimeOffset Time, RunEventKind Kind, object Payload);
