using System.Net.Http.Headers;
namespace RhvDr.Console.Lab;

/// <summary>
/// Adds the lab's control credential to calls of the <see cref="LabArrayReplication.HttpClientName"/> client that go to the lab
/// array of <see cref="LabArraySource"/>; a call to any other address goes without it.
/// </summary>
public sealed class LabArrayCredentialHandler(LabArraySource array) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (array.ControlToken is { Length: > 0 } token && array.IsArray(request.RequestUri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
