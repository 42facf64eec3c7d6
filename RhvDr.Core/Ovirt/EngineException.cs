namespace RhvDr.Core.Ovirt;

/// <summary>Base of every error that comes from talking to an engine; <see cref="Engine"/> names which one.</summary>
public abstract class EngineException(string engine, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The engine's host (and port), as operators know it.</summary>
    public string Engine { get; } = engine;
}
