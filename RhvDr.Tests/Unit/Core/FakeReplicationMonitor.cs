using RhvDr.Core.Replication;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class FakeReplicationMonitor(params ReplicationPairStatus[] pairs) : IReplicationMonitor
{
    public Task<IReadOnlyList<ReplicationPairStatus>> GetPairsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReplicationPairStatus>>(pairs);
}
