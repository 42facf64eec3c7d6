using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Replication;

/// <summary>Reads the embedded lab's storage array: <c>GET {lab}/lab/array/pairs</c>, camelCase JSON.</summary>
public sealed class LabArrayReplicationMonitor(IHttpClientFactory httpClients, IEngineEndpointResolver endpoints) : IReplicationMonitor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ReplicationPairStatus>> GetPairsAsync(CancellationToken cancellationToken)
    {
        if (endpoints.Replication.ArrayBaseUrl is not { } baseUrl)
        {
            return [];
        }
        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/lab/array/pairs");
        var http = httpClients.CreateClient(OvirtHttpClientNames.LabArray);
        try
        {
            return await http.GetFromJsonAsync<List<ReplicationPairStatus>>(url, Json, cancellationToken).ConfigureAwait(false) ?? [];
        }
        catch (HttpRequestException ex)
        {
            throw new EngineUnreachableException(url.Authority, ex.StatusCode is { } status ? $"the lab array answered HTTP {(int)status}" : "the lab array did not answer; check that the lab is running", ex);
        }
    }
}
