using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Recovery;
using RhvDr.Core.Replication;
using RhvDr.Lab.Array;

namespace RhvDr.Console.Lab;

/// <summary>
/// The embedded lab's storage array over HTTP (<c>/lab/array/pairs/{id}/{action}</c>). Reads each pair first and only
/// acts where the pair is not yet where the operation leads, so repeating an operation is harmless. Also the planner's
/// reading of the array when a person or a command drives it (<see cref="IReplicatedVolumeSource"/>).
/// </summary>
public sealed class LabArrayReplicationController(
    IHttpClientFactory httpClients, LabArraySource array, IOptions<RecoveryOptions> options, IOptions<RhvDrOptions> sites, TimeProvider time)
    : IReplicationController, IReplicatedVolumeSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => LabArrayReplication.AdapterName;

    public async Task<IReadOnlyList<ReplicatedVolume>> GetVolumesAsync(CancellationToken cancellationToken)
    {
        var pairs = await GetPairsAsync(cancellationToken).ConfigureAwait(false);
        return [.. pairs.Select(p => new ReplicatedVolume(
            p.DomainId, p.DomainName, p.StorageType, ConsoleSite(p.SourceSite), ConsoleSite(p.TargetSite), p.State, p.TestCopy, p.LastSync,
            (p.Endpoints ?? new Dictionary<string, ArrayEndpoint>(StringComparer.Ordinal)).ToDictionary(e => ConsoleSite(e.Key), e => new VolumeEndpoint(e.Value.Address, e.Value.Path, e.Value.Target, e.Value.Port), StringComparer.OrdinalIgnoreCase)))];
    }

    public async Task<IReadOnlyList<ReplicatedVolume>> ReadVolumesAsync(CancellationToken cancellationToken) =>
        array.ArrayBaseUrl is null ? [] : await GetVolumesAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>How many replication pairs are switched at once.</summary>
    private const int PairParallelism = 8;

    public async Task ExecuteAsync(ReplicationRequest request, IReplicationInteraction run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        request = request with { SourceSite = ArraySite(request.SourceSite), TargetSite = ArraySite(request.TargetSite) };
        var pairs = await GetPairsAsync(cancellationToken).ConfigureAwait(false);
        // Every domain must have a pair before any is touched, so a gap in the array's setup changes nothing.
        var targets = request.Domains.Select(domain =>
            pairs.FirstOrDefault(p => (domain.Id is not null && p.DomainId == domain.Id) || p.DomainName == domain.Name)
                ?? throw new ReplicationException($"The lab array has no replication pair for storage domain {domain.Name}. Pairs: {string.Join(", ", pairs.Select(p => p.DomainName))}.")).ToList();

        // Pairs are independent volumes on the array: switched side by side, each pair's actions in order.
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = PairParallelism, CancellationToken = cancellationToken }, async (pair, ct) =>
        {
            foreach (var action in Plan(request, pair))
            {
                await run.LogAsync(RunLogLevel.Info, $"Array: {action} {pair.Id} ({pair.DomainName})", ct).ConfigureAwait(false);
                await PostAsync(pair.Id, action, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        if (request.Operation == ReplicationOperations.Reverse)
        {
            await WaitReplicatingAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The array actions still needed for one pair.</summary>
    private static IEnumerable<string> Plan(ReplicationRequest request, LabReplicationPair pair)
    {
        var (source, target) = (request.SourceSite, request.TargetSite);
        switch (request.Operation)
        {
            case ReplicationOperations.Sync:
                if (pair.SourceSite == source && pair.State == "replicating")
                {
                    yield return "sync";
                }

                break;
            case ReplicationOperations.Failover:
                if (pair.State == "promoted" && pair.TargetSite == target)
                {
                    break;
                }

                if (pair.SourceSite != source)
                {
                    throw new ReplicationException($"Pair {pair.Id} ({pair.DomainName}) replicates {pair.SourceSite} → {pair.TargetSite}, not {source} → {target}; reverse it first.");
                }

                if (request.Planned)
                {
                    yield return "demote";
                }

                if (pair.State is "replicating" or "resyncing")
                {
                    yield return "split";
                }

                yield return "promote";
                break;
            case ReplicationOperations.Reverse:
                if (pair.SourceSite == source && pair.State is "replicating" or "resyncing")
                {
                    break;
                }

                if (pair.TargetSite == source && pair.State == "promoted")
                {
                    yield return "reverse";
                    break;
                }

                if (pair.TargetSite == source && pair.State is "split" or "broken")
                {
                    yield return "promote";
                    yield return "reverse";
                    break;
                }

                if (pair.SourceSite == source && pair.State is "split" or "broken" or "promoted")
                {
                    yield return "resync";
                    break;
                }

                throw new ReplicationException($"Pair {pair.Id} ({pair.DomainName}) is {pair.State} {pair.SourceSite} → {pair.TargetSite}; it cannot be made to replicate {source} → {target} automatically. Fix it on the array, then resume the run.");
            case ReplicationOperations.TestCopy:
                if (!pair.TestCopy)
                {
                    yield return "testcopy";
                }

                break;
            case ReplicationOperations.RemoveTestCopy:
                if (pair.TestCopy)
                {
                    yield return "removetestcopy";
                }

                break;
            default:
                throw new ReplicationException($"The lab array does not know the replication operation '{request.Operation}'.");
        }
    }

    private async Task WaitReplicatingAsync(ReplicationRequest request, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.StorageTimeout;
        while (true)
        {
            var pairs = await GetPairsAsync(cancellationToken).ConfigureAwait(false);
            var pending = pairs.Where(p => request.Domains.Any(d => d.Id == p.DomainId || d.Name == p.DomainName) && p.State != "replicating").ToList();
            if (pending.Count == 0)
            {
                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new ReplicationException($"Replication {request.SourceSite} → {request.TargetSite} did not reach 'replicating' within {options.Value.StorageTimeout}: {string.Join(", ", pending.Select(p => $"{p.DomainName} is {p.State}"))}.");
            }

            await Task.Delay(options.Value.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<LabReplicationPair>> GetPairsAsync(CancellationToken cancellationToken)
    {
        var url = Url("lab/array/pairs");
        try
        {
            return await Http().GetFromJsonAsync<List<LabReplicationPair>>(url, Json, cancellationToken).ConfigureAwait(false) ?? [];
        }
        catch (HttpRequestException ex)
        {
            throw new ReplicationException($"The lab array at {url.Authority} did not answer: {ex.Message}. Check that the lab is running.", ex);
        }
    }

    private async Task PostAsync(string pairId, string action, CancellationToken cancellationToken)
    {
        var url = Url($"lab/array/pairs/{Uri.EscapeDataString(pairId)}/{action}");
        using var response = await Http().PostAsync(url, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ReplicationException($"The lab array refused '{action}' on pair {pairId} ({(int)response.StatusCode}): {text}");
        }
    }

    /// <summary>The lab's name for a configured site (<c>lab:NAME</c>).</summary>
    private string ArraySite(string site) => LabArrayReplication.ArraySite(sites.Value, site);

    private string ConsoleSite(string labSite) => LabArrayReplication.ConsoleSite(sites.Value, labSite);

    private HttpClient Http() => httpClients.CreateClient(LabArrayReplication.HttpClientName);

    private Uri Url(string path) =>
        array.ArrayBaseUrl is { } baseUrl
            ? new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path)
            : throw new ReplicationException("The lab array's address is not known yet: the embedded lab has not started.");
}
