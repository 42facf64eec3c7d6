using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Ovirt;
using RhvDr.Lab.Array;

namespace RhvDr.Console.Lab;

/// <summary>Reads the embedded lab array's pairs (<c>GET {lab}/lab/array/pairs</c>) for where each replica is presented, by console site; empty without a lab.</summary>
public sealed class LabArrayReplicaEndpointSource(IHttpClientFactory httpClients, LabArraySource array, IOptions<RhvDrOptions> sites) : IReplicaEndpointSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ReplicaEndpoint>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (array.ArrayBaseUrl is not { } baseUrl)
        {
            return [];
        }

        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/lab/array/pairs");
        try
        {
            var pairs = await httpClients.CreateClient(LabArrayReplication.HttpClientName).GetFromJsonAsync<List<LabReplicationPair>>(url, Json, cancellationToken).ConfigureAwait(false) ?? [];
            return [.. pairs.SelectMany(p => (p.Endpoints ?? new Dictionary<string, ArrayEndpoint>(StringComparer.Ordinal)).Select(e =>
                new ReplicaEndpoint(p.DomainName, LabArrayReplication.ConsoleSite(sites.Value, e.Key), e.Value.Address, e.Value.Path, e.Value.Target, e.Value.Port)))];
        }
        catch (HttpRequestException ex)
        {
            throw new EngineUnreachableException(url.Authority, ex.StatusCode is { } status ? $"the lab array answered HTTP {(int)status}" : "the lab array did not answer; check that the lab is running", ex);
        }
    }
}
