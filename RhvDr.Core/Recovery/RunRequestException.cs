namespace RhvDr.Core.Recovery;

/// <summary>A request the runner refuses as asked (bad confirmation, unknown run, wrong state); the message says what to do.</summary>
/// <param name="notFound">The run the request names does not exist.</param>
/// <param name="conflict">The request is sound but collides with an active run (it shares storage domains with it).</param>
public sealed class RunRequestException(string message, bool notFound = false, bool conflict = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;

    /// <summary>Refused because an active run holds what the request needs; it may succeed once that run has ended.</summary>
    public bool Conflict { get; } = conflict;
}
