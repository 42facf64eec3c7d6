namespace RhvDr.Core.Replication;

/// <summary>
/// Drives storage replication for runs: a configured command, a storage admin prompted by the run, or an array a module
/// registers (<see cref="ReplicationAdapters"/>).
/// Every operation is safe to repeat: what is already done is skipped.
/// </summary>
public interface IReplicationController
{
    /// <summary>The name it is registered under: manual, command, or a module's.</summary>
    string Name { get; }

    /// <summary>The replicated volumes the adapter can see; empty when it cannot see the array (manual, command).</summary>
    Task<IReadOnlyList<ReplicatedVolume>> GetVolumesAsync(CancellationToken cancellationToken);

    Task ExecuteAsync(ReplicationRequest request, IReplicationInteraction run, CancellationToken cancellationToken);
}
