namespace RhvDr.Core.Replication;

/// <summary>The storage admin does it: the run waits with exact instructions until an operator confirms.</summary>
public sealed class ManualReplicationController : IReplicationController
{
    public string Name => "manual";

    public Task<IReadOnlyList<ReplicatedVolume>> GetVolumesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReplicatedVolume>>([]);

    public Task ExecuteAsync(ReplicationRequest request, IReplicationInteraction run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        return run.PromptAsync(Instructions(request), cancellationToken);
    }

    public static string Instructions(ReplicationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var volumes = request.VolumeNames;
        var (source, target) = (request.SourceSite, request.TargetSite);
        return request.Operation switch
        {
            ReplicationOperations.Sync =>
                $"On the storage array, update the replicas of these volumes from {source} to {target} now and wait until the update completes: {volumes}. Then confirm.",
            ReplicationOperations.Failover => request.Planned
                ? $"On the storage array, for each of these volumes: {volumes} — stop (split) replication {source} → {target}, promote the {target} copy to read-write, and demote the {source} copy to read-only. Then confirm."
                : $"On the storage array at {target}, for each of these volumes: {volumes} — stop (split) replication from {source} and promote the {target} copy to read-write. Leave the {source} array alone. Then confirm.",
            ReplicationOperations.Reverse =>
                $"On the storage array, for each of these volumes: {volumes} — reverse replication so that {source} replicates to {target}, and wait until the pairs are in sync (replicating). Then confirm.",
            ReplicationOperations.TestCopy =>
                $"On the storage array at {target}, create a writeable snapshot (test copy) of the replica of each of these volumes and present it to the {target} hosts: {volumes}. Keep replication from {source} running. Then confirm.",
            ReplicationOperations.RemoveTestCopy =>
                $"On the storage array at {target}, remove the test copies of these volumes: {volumes}. Then confirm.",
            _ => $"Perform the replication operation '{request.Operation}' for {volumes} ({source} → {target}). Then confirm.",
        };
    }
}
