namespace RhvDr.Core.Ovirt;

/// <summary>
/// Base of every error that comes from talking to an engine; <see cref="Engine"/> names which one. The message is a clause
/// (lower case, no final stop) that callers put in their own sentences; <see cref="Sentence"/> is the same on its own.
/// </summary>
public abstract class EngineException(string engine, EngineFailureKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The engine's host (and port), as operators know it.</summary>
    public string Engine { get; } = engine;

    public EngineFailureKind Kind { get; } = kind;

    /// <summary>The message as a sentence of its own, as a page shows it next to the site.</summary>
    public string Sentence
    {
        get
        {
            var text = Message.Trim();
            if (text.Length == 0)
            {
                return text;
            }
            text = char.ToUpperInvariant(text[0]) + text[1..];
            return text[^1] is '.' or '!' or '?' ? text : text + ".";
        }
    }
}
