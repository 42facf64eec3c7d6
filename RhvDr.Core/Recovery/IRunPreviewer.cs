namespace RhvDr.Core.Recovery;

/// <summary>What a run would do if started now (the run wizard's preflight and plan steps); reads only.</summary>
public interface IRunPreviewer
{
    Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, CancellationToken cancellationToken);
}
