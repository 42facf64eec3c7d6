namespace RhvDr.Lab.Api;

/// <summary>The query/body options every action accepts: <c>correlation_id</c> (jobs are searchable by it) and <c>async</c>.</summary>
public sealed record ActionOptions(string? CorrelationId, bool Async);
