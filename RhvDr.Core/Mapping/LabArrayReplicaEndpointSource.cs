using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Core.Ovirt;

namespace RhvDr.Core.Mapping;

/// <summary>Reads the embedded lab array's pairs (<c>GET {lab}/lab/array/pairs</c>) for where each replica is presented; empty without a lab.</summary>
public sealed class LabArrayReplicaEndpointSource(IHttpClientFactory httpClients, IEngineEndpointResolver endpoints) : IReplicaEndpointSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ReplicaEndpoint>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (endpoints.Replication.ArrayBaseUrl is not { } baseUrl)
        {
            return [];
        }

        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/lab/array/pairs");
        try
        {
            var pairs = await httpClients.CreateClient(OvirtHttpClientNames.LabArray).GetFromJsonAsync<List<PairDto>>(url, Json, cancellationToken).ConfigureAwait(false) ?? [];
            return [.. pairs.SelectMany(p => (p.Endpoints ?? []).Select(e => new ReplicaEndpoint(p.DomainName, e.Key, e.Value.Address, e.Value.Path, e.Value.Target, e.Value.Port)))];
        }
        catch (HttpRequestException ex)
        {
            throw new EngineUnreachableException(url.Authority, ex.StatusCode is { } status ? $"the lab array answered HTTP {(int)status}" : "the lab array did not answer; check that the lab is running", ex);
        }
    }

    private sealed record PairDto(string DomainName, Dictionary<string, EndpointDto>? Endpoints);

    private sealed record EndpointDto(string? Address, string? Path, string? Target, int? Port);
}
