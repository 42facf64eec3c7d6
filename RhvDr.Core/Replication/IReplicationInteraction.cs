using RhvDr.Core.Recovery;

namespace RhvDr.Core.Replication;

/// <summary>What a replication adapter may do within a run: write to its log, or stop and wait for the storage admin.</summary>
public interface IReplicationInteraction
{
    Task LogAsync(RunLogLevel level, string message, CancellationToken cancellationToken);

    /// <summary>Puts the run in <c>waiting</c> with <paramref name="instructions"/> and returns once an operator confirms.</summary>
    Task PromptAsync(string instructions, CancellationToken cancellationToken);
}
