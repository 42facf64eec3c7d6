using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Creates engine clients from <see cref="IHttpClientFactory"/> per call (so handlers rotate) while the SSO token of each
/// engine is kept here and shared, so the console logs in once per engine, not once per request.
/// </summary>
public sealed class EngineClientFactory(
    IHttpClientFactory httpClients,
    IEngineEndpointResolver endpoints,
    IOptions<RhvDrOptions> options,
    ILoggerFactory loggers) : IEngineClientFactory
{
    private readonly ConcurrentDictionary<EngineEndpoint, OvirtTokenCache> _tokens = new();

    public async Task<IEngineClient> GetClientAsync(string site, CancellationToken cancellationToken = default)
    {
        EngineEndpoint endpoint;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.Value.EngineTimeout);
            try
            {
                endpoint = await endpoints.WaitForAsync(site, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new EngineUnreachableException(site, "the console has not started the embedded engine of this site");
            }
        }
        // Keyed by endpoint (URL and user): an embedded engine restarted on another port gets a fresh login.
        var tokens = _tokens.GetOrAdd(endpoint, _ => new OvirtTokenCache());
        return new OvirtEngineClient(
            httpClients.CreateClient(OvirtHttpClientNames.ForSite(site)), endpoint, tokens, loggers.CreateLogger<OvirtEngineClient>(), options.Value.EngineTimeout);
    }
}
