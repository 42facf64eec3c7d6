namespace RhvDr.Core.Recovery;

/// <summary>The answer to a start request: the new run, or the run already active for the site pair (<see cref="Created"/> false).</summary>
public sealed record RunStartResult(RecoveryRun Run, bool Created);
