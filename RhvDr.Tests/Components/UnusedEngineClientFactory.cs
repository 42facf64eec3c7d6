using RhvDr.Core.Ovirt;

namespace RhvDr.Tests.Components;

/// <summary>An engine client factory for component tests that must not reach an engine: asking for a client fails the test.</summary>
public sealed class UnusedEngineClientFactory : IEngineClientFactory
{
    public Task<IEngineClient> GetClientAsync(string site, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"The component under test asked for the engine of {site}; it should not reach an engine.");
}
