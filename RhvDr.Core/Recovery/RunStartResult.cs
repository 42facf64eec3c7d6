namespace RhvDr.Core.Recovery;

/// <summary>
/// The answer to a start request: the new run, or the active run that holds its domains (the same plan, or the whole estate;
/// <see cref="Created"/> false).
/// </summary>
public sealed record RunStartResult(RecoveryRun Run, bool Created);
