namespace RhvDr.Core.Ovirt;

/// <summary>The engine's SSO rejected the configured credentials; fix the site's user name or password.</summary>
public sealed class EngineAuthenticationException(string username, string engine, string reason)
    : EngineException(engine, $"authentication failed for user {username} at {engine}: {reason}")
{
    public string Username { get; } = username;

    /// <summary>What SSO said (its <c>error_description</c>).</summary>
    public string Reason { get; } = reason;
}
