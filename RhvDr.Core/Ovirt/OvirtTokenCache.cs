namespace RhvDr.Core.Ovirt;

/// <summary>
/// One engine's SSO token, shared by every client of that engine. Refresh is single-flighted: when a token expires under
/// fifty concurrent calls, one fetches a new token and the others wait for it instead of logging in fifty times.
/// </summary>
public sealed class OvirtTokenCache(TimeProvider? time = null)
{
    // Tokens are refreshed a little before the engine says they expire so a call never starts with a dying token.
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private CachedToken? _token;

    /// <summary>A valid token: the cached one unless it is <paramref name="rejected"/> or expired, else a fresh one from <paramref name="fetch"/>.</summary>
    public async Task<string> GetAsync(Func<CancellationToken, Task<(string Token, DateTimeOffset? ExpiresAt)>> fetch, string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(Volatile.Read(ref _token), rejected) is { } current)
        {
            return current;
        }
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (Usable(Volatile.Read(ref _token), rejected) is { } refreshed)
            {
                return refreshed;
            }
            var (token, expiresAt) = await fetch(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _token, new CachedToken(token, expiresAt));
            return token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets the token (credentials changed, engine restarted).</summary>
    public void Clear() => Volatile.Write(ref _token, null);

    private string? Usable(CachedToken? token, string? rejected)
    {
        if (token is null || token.Value == rejected)
        {
            return null;
        }
        if (token.ExpiresAt is { } expiresAt && expiresAt - ExpirySlack <= _time.GetUtcNow())
        {
            return null;
        }
        return token.Value;
    }

    private sealed record CachedToken(string Value, DateTimeOffset? ExpiresAt);
}
