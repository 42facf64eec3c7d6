namespace RhvDr.Core.Sites;

/// <summary>What the console last learned when it talked to a site's engine.</summary>
public enum EngineConnectionStatus
{
    /// <summary>Not polled yet.</summary>
    Unknown,

    /// <summary>The last poll succeeded.</summary>
    Connected,

    /// <summary>The engine did not answer (connection refused, timeout, DNS, TLS).</summary>
    Unreachable,

    /// <summary>The engine answered but rejected the configured credentials.</summary>
    AuthenticationFailed,

    /// <summary>The engine answered with a fault (its reason is in the message).</summary>
    Faulted,
}
