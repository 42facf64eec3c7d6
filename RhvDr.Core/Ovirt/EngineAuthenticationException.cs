namespace RhvDr.Core.Ovirt;

/// <summary>The engine's SSO rejected the configured credentials; fix the site's user name or password.</summary>
public sealed class EngineAuthenticationException : EngineException
{
    public EngineAuthenticationException(string username, string engine, string reason)
        : this(username, engine, reason, $"authentication failed for user {username} at {engine}: {reason}")
    {
    }

    /// <summary>With words made by <see cref="EngineFailures"/>.</summary>
    internal EngineAuthenticationException(string username, string engine, string reason, string message)
        : base(engine, EngineFailureKind.SignInRefused, message)
    {
        Username = username;
        Reason = reason;
    }

    public string Username { get; }

    /// <summary>What SSO said (its <c>error_description</c>).</summary>
    public string Reason { get; }
}
