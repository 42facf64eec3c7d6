namespace RhvDr.Lab.Simulation;

/// <summary>An engine job: what <c>/jobs?search=correlation_id=X</c> follows. Status: started, finished, failed, aborted.</summary>
public sealed class SimJob
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public string? CorrelationId { get; init; }
    public string Status { get; set; } = "started";
    public DateTimeOffset StartTime { get; init; }
    public DateTimeOffset? EndTime { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public string? FailureDetail { get; set; }
}
