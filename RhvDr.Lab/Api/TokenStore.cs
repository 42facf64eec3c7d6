using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RhvDr.Lab.Api;

/// <summary>One engine's SSO: issues bearer tokens for the admin user and checks them; tokens expire like the engine's.</summary>
public sealed class TokenStore(string user, string password, TimeSpan lifetime, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);

    public string User => user;

    public bool CheckCredentials(string? username, string? secret) =>
        string.Equals(username, user, StringComparison.OrdinalIgnoreCase) && string.Equals(secret, password, StringComparison.Ordinal);

    public (string Token, DateTimeOffset Expires) Issue()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var expires = time.GetUtcNow() + lifetime;
        _tokens[token] = expires;
        return (token, expires);
    }

    public bool IsValid(string token) => _tokens.TryGetValue(token, out var expires) && expires > time.GetUtcNow();

    /// <summary>Forgets every token, as an engine restart does.</summary>
    public void RevokeAll() => _tokens.Clear();
}
