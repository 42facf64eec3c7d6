using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Resolves configured sites to engine endpoints. Sites with an absolute URL resolve from options at once;
/// <c>lab:NAME</c> sites resolve when whoever starts the embedded lab calls <see cref="Register"/> with the lab's URL,
/// because the lab's port is only known once it listens.
/// </summary>
public sealed class EngineEndpointRegistry(IOptions<RhvDrOptions> options) : IEngineEndpointResolver
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<EngineEndpoint>> _labSites = new(StringComparer.OrdinalIgnoreCase);
    private ReplicationSource _replication = ReplicationSource.None;

    public ReplicationSource Replication => Volatile.Read(ref _replication);

    /// <summary>Makes the lab site <paramref name="labSite"/> (the NAME of <c>lab:NAME</c>) resolvable; a later call replaces it.</summary>
    public void Register(string labSite, EngineEndpoint endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labSite);
        ArgumentNullException.ThrowIfNull(endpoint);
        while (true)
        {
            var pending = _labSites.GetOrAdd(labSite, _ => NewSource());
            if (pending.TrySetResult(endpoint))
            {
                return;
            }
            // Already registered once (the lab restarted on another port): swap in a completed source.
            var replacement = NewSource();
            replacement.SetResult(endpoint);
            if (_labSites.TryUpdate(labSite, replacement, pending))
            {
                return;
            }
        }
    }

    /// <summary>Tells the replication monitor where the lab array answers.</summary>
    public void RegisterReplicationSource(Uri arrayBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(arrayBaseUrl);
        Volatile.Write(ref _replication, new ReplicationSource(arrayBaseUrl));
    }

    public Task<EngineEndpoint> WaitForAsync(string site, CancellationToken cancellationToken)
    {
        var configured = Find(site);
        if (configured is { IsLab: false })
        {
            return Task.FromResult(FromOptions(configured));
        }
        var labSite = configured?.LabSiteName ?? site;
        return _labSites.GetOrAdd(labSite, _ => NewSource()).Task.WaitAsync(cancellationToken);
    }

    public bool TryGet(string site, out EngineEndpoint endpoint)
    {
        var configured = Find(site);
        if (configured is { IsLab: false })
        {
            endpoint = FromOptions(configured);
            return true;
        }
        if (_labSites.TryGetValue(configured?.LabSiteName ?? site, out var source) && source.Task.IsCompletedSuccessfully)
        {
            endpoint = source.Task.Result;
            return true;
        }
        endpoint = null!;
        return false;
    }

    private SiteOptions? Find(string site) =>
        options.Value.Sites.FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase));

    private static EngineEndpoint FromOptions(SiteOptions site) =>
        new(new Uri(site.EngineUrl, UriKind.Absolute), site.Username, site.Password, new EngineTlsOptions(site.CaFile, site.CaFingerprint, site.Insecure));

    private static TaskCompletionSource<EngineEndpoint> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
