using System.Net.Http.Json;
using System.Text.Json;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Replication;
using RhvDr.Core.Sites;
using RhvDr.Lab.Array;

namespace RhvDr.Console.Lab;

/// <summary>Reads the embedded lab's storage array: <c>GET {lab}/lab/array/pairs</c>, camelCase JSON; sites by the lab's names.</summary>
public sealed class LabArrayReplicationMonitor(IHttpClientFactory httpClients, LabArraySource array) : IReplicationMonitor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ReplicationPairStatus>> GetPairsAsync(CancellationToken cancellationToken)
    {
        if (array.ArrayBaseUrl is not { } baseUrl)
        {
            return [];
        }
        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/lab/array/pairs");
        var http = httpClients.CreateClient(LabArrayReplication.HttpClientName);
        try
        {
            var pairs = await http.GetFromJsonAsync<List<LabReplicationPair>>(url, Json, cancellationToken).ConfigureAwait(false) ?? [];
            return [.. pairs.Select(p => new ReplicationPairStatus(p.Id, p.DomainName, p.SourceSite, p.TargetSite, p.Mode, p.State, p.IntervalSeconds, p.LagSeconds, p.LastSync))];
        }
        catch (HttpRequestException ex)
        {
            throw new EngineUnreachableException(url.Authority, ex.StatusCode is { } status ? $"the lab array answered HTTP {(int)status}" : "the lab array did not answer; check that the lab is running", ex);
        }
    }
}
