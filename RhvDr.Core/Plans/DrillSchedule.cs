namespace RhvDr.Core.Plans;

/// <summary>When the plan is drilled (a test failover and its cleanup): a five-field cron expression in <see cref="TimeZone"/> (UTC when absent).</summary>
public sealed record DrillSchedule
{
    public string Cron { get; init; } = "";

    /// <summary>An IANA time zone such as <c>Europe/Berlin</c>.</summary>
    public string? TimeZone { get; init; }
}
