namespace RhvDr.Core.Readiness;

/// <summary>How long one step of a past failover (or test failover) took: what the RTO estimate is built from.</summary>
/// <param name="RunId">Steps of one run share it; the estimate adds up the steps of a run.</param>
/// <param name="Step">The step's kind, e.g. <c>storage-promote</c>, <c>domain-import</c>, <c>vm-start</c>.</param>
public sealed record RecoveryStepTiming(string RunId, string Step, DateTimeOffset FinishedAt, TimeSpan Duration);
