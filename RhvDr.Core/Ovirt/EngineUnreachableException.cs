namespace RhvDr.Core.Ovirt;

/// <summary>The engine did not answer: connection refused, timeout, DNS or TLS failure.</summary>
public sealed class EngineUnreachableException(string engine, string reason, Exception? innerException = null)
    : EngineException(engine, $"engine {engine} is unreachable: {reason}", innerException)
{
    /// <summary>Why, in words: "connection refused", "timed out after 15 s", "certificate not trusted", ...</summary>
    public string Reason { get; } = reason;
}
