namespace RhvDr.Core.Replication;

/// <summary>A replication operation failed; the message names the volume or command and what to do.</summary>
public sealed class ReplicationException(string message, Exception? innerException = null) : Exception(message, innerException);
