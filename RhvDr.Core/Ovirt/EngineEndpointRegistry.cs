using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Resolves configured sites to engine endpoints. Sites with an absolute URL resolve from options at once;
/// embedded engines (<c>SCHEME:NAME</c>, <see cref="EmbeddedEngineAddress"/>) resolve when the module that hosts them calls
/// <see cref="Register"/> with their URL, because their port is only known once they listen.
/// </summary>
public sealed class EngineEndpointRegistry(IOptions<RhvDrOptions> options) : IEngineEndpointResolver
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<EngineEndpoint>> _embedded = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string Username, string Password)> _credentials = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Makes the embedded engine <paramref name="name"/> (the NAME of <c>SCHEME:NAME</c>) resolvable; a later call replaces it.</summary>
    public void Register(string name, EngineEndpoint endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(endpoint);
        while (true)
        {
            var pending = _embedded.GetOrAdd(name, _ => NewSource());
            if (pending.TrySetResult(endpoint))
            {
                return;
            }
            // Already registered once (its host restarted it on another port): swap in a completed source.
            var replacement = NewSource();
            replacement.SetResult(endpoint);
            if (_embedded.TryUpdate(name, replacement, pending))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Credentials an administrator stored in the console for <paramref name="site"/>; they win over configured and embedded
    /// credentials from the next engine call on (the client factory keys its sign-in by endpoint, so it signs in again).
    /// </summary>
    public void SetCredentials(string site, string username, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        _credentials[site] = (username, password);
    }

    /// <summary>Whether <paramref name="site"/> uses credentials stored in the console.</summary>
    public bool HasStoredCredentials(string site) => _credentials.ContainsKey(site);

    public async Task<EngineEndpoint> WaitForAsync(string site, CancellationToken cancellationToken)
    {
        var configured = Find(site);
        if (configured is { IsEmbedded: false })
        {
            return WithCredentials(site, FromOptions(configured));
        }
        var name = configured?.Embedded?.Name ?? site;
        var endpoint = await _embedded.GetOrAdd(name, _ => NewSource()).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return WithCredentials(site, endpoint);
    }

    public bool TryGet(string site, out EngineEndpoint endpoint)
    {
        var configured = Find(site);
        if (configured is { IsEmbedded: false })
        {
            endpoint = WithCredentials(site, FromOptions(configured));
            return true;
        }
        if (_embedded.TryGetValue(configured?.Embedded?.Name ?? site, out var source) && source.Task.IsCompletedSuccessfully)
        {
#pragma warning disable VSTHRD002 // The task completed successfully (checked above): reading its result does not wait.
            endpoint = WithCredentials(site, source.Task.Result);
#pragma warning restore VSTHRD002
            return true;
        }
        endpoint = null!;
        return false;
    }

    private EngineEndpoint WithCredentials(string site, EngineEndpoint endpoint) =>
        _credentials.TryGetValue(site, out var stored) ? endpoint with { Username = stored.Username, Password = stored.Password } : endpoint;

    private SiteOptions? Find(string site) =>
        options.Value.Sites.FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase));

    private static EngineEndpoint FromOptions(SiteOptions site) =>
        new(new Uri(site.EngineUrl, UriKind.Absolute), site.Username, site.Password, new EngineTlsOptions(site.CaFile, site.CaFingerprint, site.Insecure));

    private static TaskCompletionSource<EngineEndpoint> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
