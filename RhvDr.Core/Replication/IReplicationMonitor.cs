using RhvDr.Core.Sites;

namespace RhvDr.Core.Replication;

/// <summary>Reads the state of the storage replication pairs behind the protected storage domains.</summary>
public interface IReplicationMonitor
{
    /// <summary>Every pair the array knows; empty when no array is configured.</summary>
    Task<IReadOnlyList<ReplicationPairStatus>> GetPairsAsync(CancellationToken cancellationToken);
}
