namespace RhvDr.Core.Plans;

/// <summary>
/// When the plan is drilled (a test failover and its cleanup): a five-field cron expression in <see cref="TimeZone"/> (UTC
/// when absent), and how long a drill that succeeded keeps its test environment before the cleanup.
/// </summary>
public sealed record DrillSchedule
{
    /// <summary>How long a successful drill keeps its test environment when <see cref="CleanupAfterMinutes"/> is absent.</summary>
    public const int DefaultCleanupAfterMinutes = 30;

    /// <summary>The longest a drill may keep its test environment: one week.</summary>
    public const int MaxCleanupAfterMinutes = 7 * 24 * 60;

    public string Cron { get; init; } = "";

    /// <summary>An IANA time zone such as <c>Europe/Berlin</c>.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Minutes a successful drill keeps its test environment before it runs the cleanup; <see cref="DefaultCleanupAfterMinutes"/> when absent.</summary>
    public int? CleanupAfterMinutes { get; init; }

    /// <summary>The time the test environment is kept, the default filled in.</summary>
    public TimeSpan CleanupAfter => TimeSpan.FromMinutes(CleanupAfterMinutes ?? DefaultCleanupAfterMinutes);
}
