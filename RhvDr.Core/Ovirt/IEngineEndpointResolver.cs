namespace RhvDr.Core.Ovirt;

/// <summary>Finds the engine endpoint of a configured site, waiting for embedded engines until their module has started them.</summary>
public interface IEngineEndpointResolver
{
    /// <summary>The endpoint of <paramref name="site"/>; for an embedded engine, waits until its module registers it.</summary>
    Task<EngineEndpoint> WaitForAsync(string site, CancellationToken cancellationToken);

    /// <summary>The endpoint if it is known now.</summary>
    bool TryGet(string site, out EngineEndpoint endpoint);
}
