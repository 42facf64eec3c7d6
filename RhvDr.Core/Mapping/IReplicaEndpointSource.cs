namespace RhvDr.Core.Mapping;

/// <summary>Replica locations known to the storage side, used to fill the recovery side of a generated mapping; empty when unknown.</summary>
public interface IReplicaEndpointSource
{
    Task<IReadOnlyList<ReplicaEndpoint>> GetAsync(CancellationToken cancellationToken = default);
}
