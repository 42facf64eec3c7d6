using System.Net.Http.Headers;
using RhvDr.Core.Ovirt;

namespace RhvDr.Console.Lab;

/// <summary>
/// Adds the lab's control credential to calls of the <see cref="LabArrayReplication.HttpClientName"/> client that go to the lab
/// array registered in <see cref="IEngineEndpointResolver.Replication"/>; a call to any other address goes without it.
/// </summary>
public sealed class LabArrayCredentialHandler(IEngineEndpointResolver endpoints) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = endpoints.Replication;
        if (source.ControlToken is { Length: > 0 } token && source.IsArray(request.RequestUri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
