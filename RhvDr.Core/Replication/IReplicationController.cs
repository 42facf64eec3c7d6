namespace RhvDr.Core.Replication;

/// <summary>
/// Drives storage replication for runs: the embedded lab's array, a configured command, or a storage admin prompted by the run.
/// Every operation is safe to repeat: what is already done is skipped.
/// </summary>
public interface IReplicationController
{
    /// <summary>lab, manual or command.</summary>
    string Name { get; }

    /// <summary>The replicated volumes the adapter can see; empty when it cannot see the array (manual, command).</summary>
    Task<IReadOnlyList<ReplicatedVolume>> GetVolumesAsync(CancellationToken cancellationToken);

    Task ExecuteAsync(ReplicationRequest request, IReplicationInteraction run, CancellationToken cancellationToken);
}
