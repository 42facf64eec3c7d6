namespace RhvDr.Core.Mapping;

/// <summary>A mapping operation that needs something that is not there (a live engine, a version); the message says what to do.</summary>
public sealed class MappingUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
