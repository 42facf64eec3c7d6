namespace RhvDr.Core.Recovery;

/// <summary>A request the runner refuses as asked (bad confirmation, unknown run, wrong state); the message says what to do.</summary>
public sealed class RunRequestException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
