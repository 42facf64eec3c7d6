namespace RhvDr.Core.Recovery;

/// <summary>A run with its steps, VM outcomes and log: what the API, the report and the run page show.</summary>
public sealed record RunDetails(RecoveryRun Run, IReadOnlyList<RunStep> Steps, IReadOnlyList<VmOutcome> Vms, IReadOnlyList<RunLogEntry> Log);
