namespace RhvDr.Core.Ovirt;

/// <summary>Finds the engine endpoint of a configured site, waiting for lab sites until the lab has started.</summary>
public interface IEngineEndpointResolver
{
    /// <summary>The endpoint of <paramref name="site"/>; for lab sites, waits until the lab registers it.</summary>
    Task<EngineEndpoint> WaitForAsync(string site, CancellationToken cancellationToken);

    /// <summary>The endpoint if it is known now.</summary>
    bool TryGet(string site, out EngineEndpoint endpoint);

    /// <summary>Where replication status comes from now.</summary>
    ReplicationSource Replication { get; }
}
