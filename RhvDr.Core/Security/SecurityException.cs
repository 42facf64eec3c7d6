namespace RhvDr.Core.Security;

/// <summary>
/// A user, token or credential change that cannot be made as asked; the message says why and what to do.
/// <see cref="NotFound"/>: the user it names does not exist.
/// </summary>
public sealed class SecurityException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
