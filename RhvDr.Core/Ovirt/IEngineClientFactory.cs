namespace RhvDr.Core.Ovirt;

/// <summary>Gives the engine client of a configured site.</summary>
public interface IEngineClientFactory
{
    /// <summary>The client for <paramref name="site"/>; throws <see cref="EngineUnreachableException"/> when a lab site has not started in time.</summary>
    Task<IEngineClient> GetClientAsync(string site, CancellationToken cancellationToken = default);
}
