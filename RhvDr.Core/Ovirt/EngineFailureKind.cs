namespace RhvDr.Core.Ovirt;

/// <summary>What went wrong talking to an engine, told apart the way an operator fixes it.</summary>
public enum EngineFailureKind
{
    /// <summary>Nothing answered: connection refused, DNS, network, or the connection dropped mid-answer.</summary>
    Unreachable,

    /// <summary>The engine took longer than <c>RhvDr:EngineTimeout</c> to answer.</summary>
    Timeout,

    /// <summary>The TLS handshake failed: certificate not from the configured CA, fingerprint or name mismatch, no TLS at the port.</summary>
    Tls,

    /// <summary>Sign-in refused the configured user and password, or the engine refused the token it had just issued.</summary>
    SignInRefused,

    /// <summary>HTTP 403: the user may not read or do this.</summary>
    AccessDenied,

    /// <summary>HTTP 5xx from the engine or from a web server or proxy in front of it.</summary>
    ServerError,

    /// <summary>An oVirt fault (<c>{"reason","detail"}</c>) for one request, e.g. 409 or a failed action.</summary>
    Fault,

    /// <summary>An HTML page or another non-JSON answer: a login portal, a proxy, a wrong URL.</summary>
    NotTheApi,

    /// <summary>A success status with no body.</summary>
    EmptyAnswer,

    /// <summary>JSON that breaks off or is malformed.</summary>
    BrokenJson,

    /// <summary>Well-formed JSON in a shape API v4 does not write (the v3 API's, or without the expected collection).</summary>
    OtherApiVersion,
}
