namespace RhvDr.Core.Replication;

/// <summary>
/// The storage array's own list of replicated volumes, readable whichever adapter drives replication: a person or a
/// command may drive an array the console can still read. The planner falls back to it when the driving adapter sees no
/// volumes and no mapping names them. Empty when no array can be read.
/// </summary>
public interface IReplicatedVolumeSource
{
    Task<IReadOnlyList<ReplicatedVolume>> ReadVolumesAsync(CancellationToken cancellationToken);
}

/// <summary>No array the console can read: the planner relies on the DR mapping or the driving adapter alone.</summary>
public sealed class NoReplicatedVolumeSource : IReplicatedVolumeSource
{
    public Task<IReadOnlyList<ReplicatedVolume>> ReadVolumesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReplicatedVolume>>([]);
}
