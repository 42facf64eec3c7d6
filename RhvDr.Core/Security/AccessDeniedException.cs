namespace RhvDr.Core.Security;

/// <summary>The actor's role does not allow the operation; the message says who, what and which role it needs.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
