using RhvDr.Core.Sites;

namespace RhvDr.Core.Replication;

/// <summary>For real sites until a storage array adapter is configured: replication status is unknown, so none is shown.</summary>
public sealed class NoReplicationMonitor : IReplicationMonitor
{
    public Task<IReadOnlyList<ReplicationPairStatus>> GetPairsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReplicationPairStatus>>([]);
}
