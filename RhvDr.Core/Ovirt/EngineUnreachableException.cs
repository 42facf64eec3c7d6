namespace RhvDr.Core.Ovirt;

/// <summary>The engine did not answer: connection refused, timeout, DNS or TLS failure.</summary>
public sealed class EngineUnreachableException : EngineException
{
    public EngineUnreachableException(string engine, string reason, Exception? innerException = null)
        : this(engine, EngineFailureKind.Unreachable, reason, $"engine {engine} is unreachable: {reason}", innerException)
    {
    }

    /// <summary>With words made by <see cref="EngineFailures"/>.</summary>
    internal EngineUnreachableException(string engine, EngineFailureKind kind, string reason, string message, Exception? innerException)
        : base(engine, kind, message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why, in words: "connection refused", "took longer than 00:00:15 to answer", "TLS failed: ...".</summary>
    public string Reason { get; }
}
