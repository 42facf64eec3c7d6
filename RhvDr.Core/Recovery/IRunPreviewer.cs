namespace RhvDr.Core.Recovery;

/// <summary>What a run would do if started now (the run wizard's preflight and plan steps); reads only.</summary>
public interface IRunPreviewer
{
    Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, CancellationToken cancellationToken);

    /// <summary>The preview of a run of recovery plan <paramref name="plan"/>, with its re-IP rows (<see cref="RunPreview.ReIp"/>).</summary>
    Task<RunPreview> PreviewAsync(RunKind kind, RunMode mode, string? plan, CancellationToken cancellationToken) => PreviewAsync(kind, mode, cancellationToken);
}
