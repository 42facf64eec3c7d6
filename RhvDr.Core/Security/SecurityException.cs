namespace RhvDr.Core.Security;

/// <summary>A user, token or credential change that cannot be made as asked; the message says why and what to do.</summary>
public sealed class SecurityException(string message) : Exception(message);
