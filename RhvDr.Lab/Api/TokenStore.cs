using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RhvDr.Lab.Api;

/// <summary>One engine's SSO: issues bearer tokens to its users and says whose a token is; tokens expire like the engine's.</summary>
public sealed class TokenStore(IReadOnlyList<LabAccount> accounts, TimeSpan lifetime, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (LabAccount Account, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    /// <summary>The engine's users; the first is its administrator.</summary>
    public IReadOnlyList<LabAccount> Accounts => accounts;

    /// <summary>The user with this name and password, or null when either is wrong.</summary>
    public LabAccount? CheckCredentials(string? username, string? secret) =>
        accounts.FirstOrDefault(a => a.Matches(username) && string.Equals(secret, a.Password, StringComparison.Ordinal));

    public (string Token, DateTimeOffset Expires) Issue(LabAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var expires = time.GetUtcNow() + lifetime;
        _tokens[token] = (account, expires);
        return (token, expires);
    }

    /// <summary>Whose token this is; null when it is unknown or expired.</summary>
    public LabAccount? Validate(string token) =>
        _tokens.TryGetValue(token, out var issued) && issued.Expires > time.GetUtcNow() ? issued.Account : null;

    /// <summary>Forgets every token, as an engine restart does.</summary>
    public void RevokeAll() => _tokens.Clear();
}
